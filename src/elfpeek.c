/* SPDX-License-Identifier: MIT */
/* elfpeek.c: the probe reader's layer 4 of 5: a file without probes, from its headers alone */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfbase.h"
#include "elfpeek.h"
#include "util.h"

/*
 * `dtrace -G` names every object of a program (PostgreSQL's backend: about
 * 700) only for its target, and most of them have no probes. Mapping each
 * and giving it to libelf costs a mapping, its page faults and libelf's view
 * of every section; when there is no .note.stapsdt, the ELF header, the
 * section headers and the section name table say all the full reader would,
 * for a stat, an open and three preads.
 *
 * sdtreadelf must refuse what the full reader refuses, in its words, so
 * this look never refuses anything: a file it finds odd in any way (not a
 * plain non-empty ELF file, extended section numbering, a damaged or
 * compressed name table) or that has probe notes, whose checks take the
 * whole file, goes to the full reader, which finds the fault and names it.
 * What it accepts, the full reader accepts with the same sdtmodinfo: the
 * same ELF header checks (ehdrcheck), a section name table in the file and
 * of type SHT_STRTAB, and no .note.stapsdt, after which the full reader has
 * nothing left to check.
 */

enum {
	PEEKNAMESMAX = 1 << 20, /* bytes of section name table copied at most */
};

/* the section header fields looked at */
struct peekshdr {
	uint64_t name, type, flags, addr, offset, size;
};

/* all n bytes at off, or -1 */
static int
readat(int fd, void *buf, size_t n, uint64_t off)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = pread(fd, (unsigned char *)buf + got, n - got, (off_t)(off + got));

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	return 0;
}

/* open a non-empty regular file as mapfile would (no device is opened); its size in *n */
static int
peekopen(const char *path, size_t *n)
{
	struct stat st;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > SIZE_MAX)
		return -1;
	*n = (size_t)st.st_size;
	return open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
}

/* section header i of the table tab, decoded */
static void
shdrat(const struct ehdr *h, const unsigned char *tab, size_t i, struct peekshdr *sh)
{
	const unsigned char *p = tab + i * h->shentsize;

#define SHFIELD(f) \
	rdn(p + (h->c64 ? offsetof(Elf64_Shdr, f) : offsetof(Elf32_Shdr, f)), \
	    h->c64 ? sizeof(((Elf64_Shdr *)0)->f) : sizeof(((Elf32_Shdr *)0)->f), h->msb)
	sh->name = SHFIELD(sh_name);
	sh->type = SHFIELD(sh_type);
	sh->flags = SHFIELD(sh_flags);
	sh->addr = SHFIELD(sh_addr);
	sh->offset = SHFIELD(sh_offset);
	sh->size = SHFIELD(sh_size);
#undef SHFIELD
}

/* the name at off of a name table, as elf_strptr gives it: NULL unless a NUL ends it */
static const char *
nameat(const unsigned char *tab, size_t size, uint64_t off)
{
	if (off >= size || !memchr(tab + off, '\0', size - (size_t)off))
		return NULL;
	return (const char *)tab + off;
}

/*
 * The section names, read as modsections reads them: .stapsdt.base into
 * info; -1 on .note.stapsdt.
 */
static int
peeknames(const struct ehdr *h, const unsigned char *tab, const unsigned char *names,
          size_t size, struct sdtmodinfo *info)
{
	struct peekshdr sh;
	const char *name;
	size_t i;

	for (i = 1; i < h->shnum; i++) {
		shdrat(h, tab, i, &sh);
		if (!(name = nameat(names, size, sh.name)))
			continue;
		if (strcmp(name, NOTE_SECTION) == 0)
			return -1;
		if (strcmp(name, BASE_SECTION) == 0) {
			info->hasbase = 1;
			info->baseaddr = sh.addr;
		}
	}
	return 0;
}

/* the section headers and name table of a checked header h (file of n bytes); 0, or -1 */
static int
peeksections(int fd, const struct ehdr *h, size_t n, struct sdtmodinfo *info)
{
	unsigned char *tab, *names = NULL;
	struct peekshdr str;
	int rc = -1;

	if (h->shnum <= 1)
		return 0; /* nothing the full reader would look at */
	if (h->shstrndx == 0 || h->shstrndx >= h->shnum)
		return -1;
	tab = xreallocarray(NULL, h->shnum, h->shentsize);
	if (readat(fd, tab, h->shnum * h->shentsize, h->shoff) < 0)
		goto out;
	shdrat(h, tab, h->shstrndx, &str);
	/* a very large table is left to the full reader, which maps it rather than copy it */
	if (str.type != SHT_STRTAB || (str.flags & SHF_COMPRESSED) || str.offset > n ||
	    str.size > n - str.offset || str.size > PEEKNAMESMAX)
		goto out;
	names = xmalloc(str.size ? (size_t)str.size : 1);
	if (readat(fd, names, (size_t)str.size, str.offset) < 0)
		goto out;
	rc = peeknames(h, tab, names, (size_t)str.size, info);
out:
	free(names);
	free(tab);
	return rc;
}

/* the ELF header, if the full reader would take it as it is; 0, or -1 */
static int
peekheader(int fd, size_t n, struct ehdr *h)
{
	unsigned char eh[sizeof(Elf64_Ehdr)];
	size_t avail = n < sizeof(eh) ? n : sizeof(eh);

	if (readat(fd, eh, avail, 0) < 0 || avail < MAGICLEN ||
	    memcmp(eh, ELF_MAGIC, MAGICLEN) != 0 || ehdrread(eh, avail, n, h, NULL, 0) < 0)
		return -1;
	/* extended numbering (counts and indices in section 0) is the full reader's */
	if ((h->shoff != 0) != (h->shnum != 0) || h->shstrndx == SHN_XINDEX)
		return -1;
	return ehdrcheck(h, n, NULL, 0);
}

int
elfpeek(const char *path, struct sdtmodinfo *info)
{
	struct sdtmodinfo mi = {0};
	struct ehdr h;
	size_t n = 0;
	int fd = peekopen(path, &n), rc = -1;

	if (fd < 0)
		return -1;
	if (peekheader(fd, n, &h) == 0 && peeksections(fd, &h, n, &mi) == 0) {
		mi.machine = (int)h.machine;
		mi.elfclass = h.c64 ? ELFCLASS64 : ELFCLASS32;
		mi.byteorder = h.msb ? ELFDATA2MSB : ELFDATA2LSB;
		mi.type = (int)h.type;
		mi.osabi = (int)h.osabi;
		mi.flags = h.flags;
		mi.model = h.c64 ? SDT_LP64 : SDT_ILP32;
		*info = mi;
		rc = 0;
	}
	close(fd);
	return rc;
}
