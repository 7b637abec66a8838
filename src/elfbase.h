/* SPDX-License-Identifier: MIT */
/* elfbase.h: the probe reader's layer 1 of 5, the base: errors, mapping, ELF headers, sections */
#ifndef SDTKIT_ELFBASE_H
#define SDTKIT_ELFBASE_H

#include <gelf.h>
#include <libelf.h>
#include <stddef.h>
#include <stdint.h>

#include "elfnotes.h"

/*
 * The probe reader (elfnotes.h) is five layers of files, each calling
 * only the layers below it (tests/integration/layers.sh holds them to it):
 *
 *   5  elfnotes.c    the front door: open a file or process, walk its modules
 *   4  elfarchive.c  the ELF members of a static archive
 *      elfprocess.c  the files a running process maps
 *      elfpeek.c     a file without probes, from its headers alone
 *   3  elfimage.c    one ELF image (a module): its notes and sites
 *   2  elfsyms.c     an image's symbols, sections by address, relocations
 *   1  elfbase.c     errors, file mapping, ELF header checks, section bytes
 *
 * Each file's types and functions are in the header of its name;
 * elfnotes.h holds the reader's public types, which every layer uses.
 */

/* a private mapping of a whole file */
struct map {
	unsigned char *p;
	size_t n;
};

/* an ELF image's bytes and libelf's view of them */
struct elfview {
	const unsigned char *p; /* the image, and its size */
	size_t n;
	Elf *elf;
	size_t shstrndx;        /* the section name table */
};

/* the ELF header fields the checks use, read without libelf */
struct ehdr {
	int c64, msb;       /* ELFCLASS64; ELFDATA2MSB */
	unsigned type, machine, flags, osabi;
	uint64_t phoff, shoff, phentsize, phnum, shentsize, shnum, shstrndx;
};

enum {
	MAGICLEN = 4, /* of ELF_MAGIC */
};

extern const char ELF_MAGIC[];     /* "\177ELF" */
extern const char NOTE_SECTION[];  /* ".note.stapsdt" */
extern const char BASE_SECTION[];  /* ".stapsdt.base" */

/* fill err (if not NULL) with name and the formatted reason */
void seterr(struct sdterr *err, const char *name, const char *fmt, ...);
/* format a reason into buf (if not NULL); returns -1, for `return why(...)` */
int why(char *buf, size_t len, const char *fmt, ...);
/* map a regular file privately; 0, or -1 with a reason */
int mapfile(const char *path, struct map *mp, char *reason, size_t len);
/* release a mapping (a zeroed one too) */
void unmap(struct map *mp);
/* elf_version, once */
void initelf(void);

/*
 * n bytes at p as an unsigned number, most significant first if msb; inline,
 * so that each reader of notes and headers gets it unrolled for its sizes
 */
static inline uint64_t
rdn(const unsigned char *p, size_t n, int msb)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v |= (uint64_t)p[msb ? i : n - 1 - i] << (8 * (n - 1 - i));
	return v;
}
/* read the ELF header at p (n bytes of file, avail of them at p); 0, or -1 with a reason */
int ehdrread(const unsigned char *p, size_t avail, size_t n, struct ehdr *h, char *reason,
             size_t len);
/*
 * Check that the section and program headers h names lie in a file of n
 * bytes (h->shnum as the count, already taken from the first section
 * header when the ELF header's is 0). 0, or -1 with a reason.
 */
int ehdrcheck(const struct ehdr *h, size_t n, char *reason, size_t len);
/* the ELF header of a whole image of n bytes, checked as above; 0, or -1 with a reason */
int elfcheck(const unsigned char *p, size_t n, char *reason, size_t len);
/* the bytes of section idx of v (header sh), checked against the image; 0, or -1 with a reason */
int scnbytes(const struct elfview *v, size_t idx, const GElf_Shdr *sh, const unsigned char **p,
             char *reason, size_t len);

#endif
