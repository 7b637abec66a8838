/* SPDX-License-Identifier: MIT */
/* elfnotes.c: the probe reader's front: opening files and processes, walking their modules */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfread.h"
#include "util.h"

/*
 * A reader yields modules (ELF images): the one of an ELF file, the ELF
 * members of a static archive (archive.c), or the files a process maps
 * (process.c); elfimage.c reads each. Files are read through a private
 * mapping, and every image is checked before it is used (elfimage.c).
 */

const char ELF_MAGIC[] = "\177ELF";
static const char AR_MAGIC[] = "!<arch>\n";
static const char AR_THIN_MAGIC[] = "!<thin>\n";

enum {
	AR_MAGICLEN = 8,
};


void
seterr(struct sdterr *err, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	snprintf(err->name, sizeof(err->name), "%s", name);
	va_start(ap, fmt);
	vsnprintf(err->reason, sizeof(err->reason), fmt, ap);
	va_end(ap);
}

int
why(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (buf && len) {
		va_start(ap, fmt);
		vsnprintf(buf, len, fmt, ap);
		va_end(ap);
	}
	return -1;
}

const char *
sdtmachinename(int em)
{
	static const struct {
		int em;
		const char *name;
	} names[] = {
		{EM_X86_64, "x86_64"}, {EM_386, "i386"}, {EM_AARCH64, "aarch64"}, {EM_ARM, "arm"},
		{EM_RISCV, "riscv"}, {EM_PPC64, "ppc64"}, {EM_PPC, "ppc"}, {EM_S390, "s390"},
		{EM_MIPS, "mips"}, {EM_SPARCV9, "sparcv9"}, {EM_LOONGARCH, "loongarch"},
		{EM_IA_64, "ia64"},
	};
	size_t i;

	for (i = 0; i < LEN(names); i++)
		if (names[i].em == em)
			return names[i].name;
	return NULL;
}

/* why a file that is not a regular file cannot be read, or NULL */
static const char *
notregular(const struct stat *st)
{
	if (S_ISREG(st->st_mode))
		return NULL;
	return S_ISDIR(st->st_mode) ? "is a directory" : "not a regular file";
}

int
mapfile(const char *path, struct map *mp, char *reason, size_t len)
{
	struct stat st;
	const char *bad;
	void *p;
	int fd;

	/* refuse devices before opening them: opening one can have effects */
	if (stat(path, &st) < 0)
		return why(reason, len, "%s", strerror(errno));
	if ((bad = notregular(&st)))
		return why(reason, len, "%s", bad);
	/* O_NONBLOCK: should the file be swapped for a FIFO meanwhile, do not wait for a writer */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return why(reason, len, "%s", strerror(errno));
	if (fstat(fd, &st) < 0) {
		why(reason, len, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if ((bad = notregular(&st))) {
		close(fd);
		return why(reason, len, "%s", bad);
	}
	if (st.st_size == 0) {
		close(fd);
		return why(reason, len, "empty file");
	}
	if ((uintmax_t)st.st_size > SIZE_MAX) {
		close(fd);
		return why(reason, len, "file too large");
	}
	/* writable and private: libelf may convert in place; the file never changes */
	p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return why(reason, len, "cannot map: %s", strerror(errno));
	mp->p = p;
	mp->n = (size_t)st.st_size;
	return 0;
}

void
unmap(struct map *mp)
{
	if (mp->p)
		munmap(mp->p, mp->n);
	mp->p = NULL;
	mp->n = 0;
}

void
initelf(void)
{
	static int done;

	if (!done)
		elf_version(EV_CURRENT);
	done = 1;
}

/* open path, an ELF file or, if archives is set, an archive */
static int
openfile(struct sdtreader **rp, const char *path, int archives, struct sdterr *err)
{
	struct sdtreader *r;
	struct map mp = {0};
	char reason[SDTREASONMAX];

	initelf();
	if (mapfile(path, &mp, reason, sizeof(reason)) < 0) {
		seterr(err, path, "%s", reason);
		return -1;
	}
	r = xcalloc(1, sizeof(*r));
	r->path = xstrdup(path);
	r->map = mp;
	/* a file shorter than the ELF magic that starts it is a truncated ELF file */
	if (memcmp(mp.p, ELF_MAGIC, mp.n < MAGICLEN ? mp.n : MAGICLEN) == 0) {
		r->kind = RK_FILE;
	} else if (archives && mp.n >= AR_MAGICLEN &&
	           (memcmp(mp.p, AR_MAGIC, AR_MAGICLEN) == 0 ||
	            memcmp(mp.p, AR_THIN_MAGIC, AR_MAGICLEN) == 0)) {
		r->kind = RK_ARCHIVE;
		r->thin = memcmp(mp.p, AR_THIN_MAGIC, AR_MAGICLEN) == 0;
		r->aroff = AR_MAGICLEN;
	} else {
		seterr(err, path, archives ? "not an ELF file or archive" : "not an ELF file");
		sdtclose(r);
		return -1;
	}
	*rp = r;
	return 0;
}

int
sdtopen(struct sdtreader **rp, const char *path, struct sdterr *err)
{
	return openfile(rp, path, 1, err);
}

int
sdtreadelf(const char *path, struct sdtmodinfo *info, struct sdterr *err)
{
	struct sdtreader *r;
	struct sdtmodule *m;
	int rc;

	/* most objects a build names have no probes: their headers tell all (elfpeek.c) */
	if (elfpeek(path, info) == 0)
		return 0;
	if (openfile(&r, path, 0, err) < 0)
		return -1;
	rc = sdtnextmodule(r, &m, err);
	if (rc > 0) {
		*info = m->info;
		info->path = info->member = info->name = NULL;
	}
	sdtclose(r);
	return rc > 0 ? 0 : -1;
}

int
sdtnextmodule(struct sdtreader *r, struct sdtmodule **mp, struct sdterr *err)
{
	char reason[SDTREASONMAX];
	struct sdtmodule *m;

	modfree(r->cur);
	r->cur = NULL;
	switch (r->kind) {
	case RK_ARCHIVE:
		return r->done ? 0 : arnext(r, mp, err);
	case RK_PID:
		return pidnext(r, mp, err);
	case RK_FILE:
		break;
	}
	if (r->done)
		return 0;
	r->done = 1;
	m = modnew(r->path, NULL, basename_of(r->path));
	if (modopen(m, r->map.p, r->map.n, reason, sizeof(reason)) < 0) {
		seterr(err, r->path, "%s", reason);
		modfree(m);
		return -1;
	}
	r->cur = m;
	*mp = m;
	return 1;
}

void
sdtclose(struct sdtreader *r)
{
	size_t i;

	if (!r)
		return;
	modfree(r->cur);
	unmap(&r->map);
	for (i = 0; i < r->nmaps; i++)
		free(r->maps[i].path);
	free(r->maps);
	free(r->path);
	free(r);
}
