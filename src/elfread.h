/* SPDX-License-Identifier: MIT */
/* elfread.h: what the files of the probe reader (elfnotes.h) share: modules, readers, checks */
#ifndef SDTKIT_ELFREAD_H
#define SDTKIT_ELFREAD_H

#include <gelf.h>
#include <libelf.h>
#include <stddef.h>
#include <stdint.h>

#include "elfnotes.h"

/*
 * The reader is five files: elfnotes.c opens files and walks a reader's
 * modules, elfimage.c reads one ELF image (its notes and sites), elfsyms.c
 * its symbols, sections by address and relocations, archive.c the members
 * of a static archive, process.c the files a running process maps; and
 * elfpeek.c answers sdtreadelf for a file without probes from its headers.
 */

/* a private mapping of a whole file */
struct map {
	unsigned char *p;
	size_t n;
};

/* a function or data symbol, keyed by (section in a .o, else 0; address) */
struct sym {
	uint64_t addr, size;
	size_t sec;
	int rank; /* global, weak, local: which name to show for aliases */
	const char *name;
};

/* an allocated section of a linked file, for address lookups */
struct asec {
	uint64_t addr, size, flags, align;
	const char *name;
};

/* a PT_LOAD segment */
struct seg {
	uint64_t vaddr, memsz, offset, filesz;
	uint32_t flags;
};

/* one .note.stapsdt section, with its relocations in a .o */
struct notesec {
	size_t scn;
	const char *name;
	const unsigned char *p;
	size_t size, align;
	Elf_Data *rel;    /* relocations or NULL */
	int rela;         /* SHT_RELA (else SHT_REL) */
	size_t nrel;
	size_t *order;    /* relocation indices by offset, when the section is not sorted */
	Elf_Data *syms;   /* the symbol table they refer to */
	Elf_Data *xndx;   /* its SHT_SYMTAB_SHNDX, or NULL */
	size_t strndx;    /* its string table */
	size_t nsyms;
};

struct sdtmodule {
	struct sdtmodinfo info;
	char *path, *member, *name;
	struct map own; /* the module's own mapping (thin archive members, processes) */
	const unsigned char *img; /* the image being read, and its size */
	size_t imgn;
	Elf *elf;
	int rel;        /* ET_REL: addresses are section offsets */
	size_t shstrndx;
	struct notesec *ns;
	size_t nns;
	struct sym *funcs, *objs;
	size_t nfuncs, nobjs;
	int symsorted;  /* funcs and objs are sorted (else looked up by a linear scan) */
	struct asec *secs;
	size_t nsecs;
	struct seg *segs;
	size_t nsegs;
	int hasshdrs;
	/* iteration */
	size_t cur, off, next;
	size_t lastsec; /* section lookup cache */
};

enum rkind { RK_FILE, RK_ARCHIVE, RK_PID };

/* a file mapped by a process */
struct pmap {
	unsigned long long start, end, off, inode;
	unsigned devmajor, devminor;
	char *path;
	int first; /* the first mapping of its file */
};

struct sdtreader {
	enum rkind kind;
	char *path;
	struct map map;
	int done;
	struct sdtmodule *cur;
	/* archives */
	int thin;
	size_t aroff;
	const unsigned char *longnames;
	size_t longlen;
	/* processes */
	long pid;
	struct pmap *maps;
	size_t nmaps, mapi;
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

/* elfnotes.c: errors, files */

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

/* elfimage.c: one ELF image */

/* n bytes at p as an unsigned number, most significant first if msb */
uint64_t rdn(const unsigned char *p, size_t n, int msb);
/* read the ELF header at p (n bytes of file, avail of them at p); 0, or -1 with a reason */
int ehdrread(const unsigned char *p, size_t avail, size_t n, struct ehdr *h, char *reason,
             size_t len);
/*
 * Check that the section and program headers h names lie in a file of n
 * bytes (h->shnum as the count, already taken from the first section
 * header when the ELF header's is 0). 0, or -1 with a reason.
 */
int ehdrcheck(const struct ehdr *h, size_t n, char *reason, size_t len);
/* a new module read from path (member of it, if any), shown as name */
struct sdtmodule *modnew(const char *path, const char *member, const char *name);
/* release m and everything it holds (NULL is fine) */
void modfree(struct sdtmodule *m);
/*
 * Read the ELF image img (n bytes) into m: its header, sections, notes
 * (checked whole), symbols and relocations. 0, or -1 with a reason.
 */
int modopen(struct sdtmodule *m, unsigned char *img, size_t n, char *reason, size_t len);
/* the bytes of section idx of m, checked against the image; 0, or -1 with a reason */
int scnbytes(const struct sdtmodule *m, size_t idx, const GElf_Shdr *sh,
             const unsigned char **p, char *reason, size_t len);

/* elfsyms.c: symbols, sections by address, relocations */

/* the module's symbols for function and semaphore names; 0, or -1 with a reason */
int modsymbols(struct sdtmodule *m, Elf_Scn *scn, char *reason, size_t len);
/* the relocations of a .o's note sections; 0, or -1 with a reason */
int modrelocs(struct sdtmodule *m, char *reason, size_t len);
/* sort the allocated sections for secat */
void sortsecs(struct sdtmodule *m);
/* the function containing (sec, addr), or NULL */
const char *funcat(const struct sdtmodule *m, size_t sec, uint64_t addr);
/* the data symbol at exactly (sec, addr), preferring a *_semaphore name, or NULL */
const char *objat(const struct sdtmodule *m, size_t sec, uint64_t addr);
/* the allocated section containing addr in a linked file, or NULL */
const struct asec *secat(struct sdtmodule *m, uint64_t addr);
/* name, flags and alignment of section index sec in a .o, or NULL */
const char *relsection(const struct sdtmodule *m, size_t sec, uint64_t *flags, uint64_t *align);
/*
 * A field of a .o's note at section offset off, holding v, relocated the
 * way readelf does it; sets the symbol's section and name when relocated.
 */
uint64_t relocate(const struct sdtmodule *m, const struct notesec *ns, uint64_t off, uint64_t v,
                  size_t *sec, const char **symname, int *found);

/* archive.c and process.c: the next module of an archive or a process (as sdtnextmodule) */
int arnext(struct sdtreader *r, struct sdtmodule **mp, struct sdterr *err);
int pidnext(struct sdtreader *r, struct sdtmodule **mp, struct sdterr *err);

/*
 * elfpeek.c: fill info for the ELF file at path from its headers when it
 * has no probes and is sound as far as the full reader would look (it
 * would then say the same); -1 when the full reader must read it.
 */
int elfpeek(const char *path, struct sdtmodinfo *info);

#endif
