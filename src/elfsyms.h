/* SPDX-License-Identifier: MIT */
/* elfsyms.h: the probe reader's layer 2 of 5: symbols, sections by address, relocations */
#ifndef SDTKIT_ELFSYMS_H
#define SDTKIT_ELFSYMS_H

#include <gelf.h>
#include <libelf.h>
#include <stddef.h>
#include <stdint.h>

#include "elfbase.h"

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

/* what an image's addresses are looked up in: its symbols and allocated sections */
struct symtab {
	struct sym *funcs, *objs;
	size_t nfuncs, nobjs;
	int sorted;     /* funcs and objs are sorted (else looked up by a linear scan) */
	struct asec *secs;
	size_t nsecs, capsecs;
	size_t lastsec; /* section lookup cache */
};

/* the relocations of one note section of a .o */
struct noterel {
	Elf_Data *data;   /* the relocations, or NULL */
	int rela;         /* SHT_RELA (else SHT_REL) */
	size_t n;
	size_t *order;    /* relocation indices by offset, when the section is not sorted */
	Elf_Data *syms;   /* the symbol table they refer to */
	Elf_Data *xndx;   /* its SHT_SYMTAB_SHNDX, or NULL */
	size_t strndx;    /* its string table */
	size_t nsyms;
};

/* keep an allocated section (header sh, name) of a linked file for secat */
void addsec(struct symtab *t, const GElf_Shdr *sh, const char *name);
/* sort the allocated sections for secat */
void sortsecs(struct symtab *t);
/*
 * Load the function and data symbols of symbol table scn of v (NULL: no
 * names), keyed by section if rel (a .o), for that many lookups. 0, or -1
 * with a reason.
 */
int loadsymtab(const struct elfview *v, struct symtab *t, Elf_Scn *scn, int rel,
               size_t lookups, char *reason, size_t len);
/* release what t holds */
void freesymtab(struct symtab *t);
/* the function containing (sec, addr), or NULL */
const char *funcat(const struct symtab *t, size_t sec, uint64_t addr);
/* the data symbol at exactly (sec, addr), preferring a *_semaphore name, or NULL */
const char *objat(const struct symtab *t, size_t sec, uint64_t addr);
/* the allocated section containing addr in a linked file, or NULL */
const struct asec *secat(struct symtab *t, uint64_t addr);
/* name, flags and alignment of section index sec of v (a .o), or NULL */
const char *relsection(const struct elfview *v, size_t sec, uint64_t *flags, uint64_t *align);
/*
 * Read the relocation section scn (header sh) of note section name into r;
 * 0, or -1 with a reason.
 */
int noterelocs(const struct elfview *v, struct noterel *r, const char *name, Elf_Scn *scn,
               const GElf_Shdr *sh, char *reason, size_t len);
/* release what r holds */
void freenoterel(struct noterel *r);
/*
 * A field of a .o's note at section offset off, holding val, relocated by r
 * the way readelf does it; sets the symbol's section and name when relocated.
 */
uint64_t relocate(const struct elfview *v, const struct noterel *r, uint64_t off, uint64_t val,
                  size_t *sec, const char **symname, int *found);

#endif
