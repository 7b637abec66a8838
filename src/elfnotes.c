/* SPDX-License-Identifier: MIT */
/* elfnotes.c: the probe reader's layer 5 of 5, the front door: open files and processes */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elfarchive.h"
#include "elfbase.h"
#include "elfimage.h"
#include "elfnotes.h"
#include "elfpeek.h"
#include "elfprocess.h"
#include "util.h"

/*
 * A reader yields modules (ELF images): the one of an ELF file, the ELF
 * members of a static archive (elfarchive.c), or the files a process maps
 * (elfprocess.c); elfimage.c reads each. Files are read through a private
 * mapping, and every image is checked before it is used (elfimage.c). The
 * layers below are listed in elfbase.h.
 */

enum rkind { RK_FILE, RK_ARCHIVE, RK_PID };

struct sdtreader {
	enum rkind kind;
	char *path;             /* the file, or "pid N" */
	struct map map;         /* the file's mapping (RK_FILE, RK_ARCHIVE) */
	int done;               /* RK_FILE: its one module was read */
	struct sdtmodule *cur;  /* the module last returned */
	struct archive ar;      /* RK_ARCHIVE */
	struct process proc;    /* RK_PID */
};

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
	} else if (archives && aropen(&r->ar, r->path, mp.p, mp.n) == 0) {
		r->kind = RK_ARCHIVE;
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
sdtopenpid(struct sdtreader **rp, long pid, struct sdterr *err)
{
	struct sdtreader *r;

	initelf();
	r = xcalloc(1, sizeof(*r));
	r->kind = RK_PID;
	r->path = xasprintf("pid %ld", pid);
	if (pidopen(&r->proc, pid, r->path, err) < 0) {
		sdtclose(r);
		return -1;
	}
	*rp = r;
	return 0;
}

/* the one module of an ELF file (as sdtnextmodule) */
static int
filenext(struct sdtreader *r, struct sdtmodule **mp, struct sdterr *err)
{
	char reason[SDTREASONMAX];
	struct sdtmodule *m;

	if (r->done)
		return 0;
	r->done = 1;
	m = modnew(r->path, NULL, basename_of(r->path));
	if (modopen(m, r->map.p, r->map.n, reason, sizeof(reason)) < 0) {
		seterr(err, r->path, "%s", reason);
		modfree(m);
		return -1;
	}
	*mp = m;
	return 1;
}

int
sdtnextmodule(struct sdtreader *r, struct sdtmodule **mp, struct sdterr *err)
{
	int rc;

	modfree(r->cur);
	r->cur = NULL;
	switch (r->kind) {
	case RK_ARCHIVE:
		rc = arnext(&r->ar, mp, err);
		break;
	case RK_PID:
		rc = pidnext(&r->proc, mp, err);
		break;
	case RK_FILE:
	default:
		rc = filenext(r, mp, err);
		break;
	}
	if (rc > 0)
		r->cur = *mp;
	return rc;
}

void
sdtclose(struct sdtreader *r)
{
	if (!r)
		return;
	modfree(r->cur);
	unmap(&r->map);
	pidclose(&r->proc);
	free(r->path);
	free(r);
}
