/* SPDX-License-Identifier: MIT */
/* elfimage.h: the probe reader's layer 3 of 5: one ELF image (a module), its notes and sites */
#ifndef SDTKIT_ELFIMAGE_H
#define SDTKIT_ELFIMAGE_H

#include <gelf.h>
#include <libelf.h>
#include <stddef.h>
#include <stdint.h>

#include "elfbase.h"
#include "elfnotes.h"
#include "elfsyms.h"

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
	struct noterel rels;
};

/* one ELF image: a file, an archive member, or a file mapped by a process */
struct sdtmodule {
	struct sdtmodinfo info;
	char *path, *member, *name;
	struct map own; /* the module's own mapping (thin archive members, processes) */
	struct elfview view; /* the image being read */
	int rel;        /* ET_REL: addresses are section offsets */
	struct notesec *ns;
	size_t nns;
	struct symtab syms;
	struct seg *segs;
	size_t nsegs;
	int hasshdrs;
	/* iteration */
	size_t cur, off, next;
};

/* a new module read from path (member of it, if any), shown as name */
struct sdtmodule *modnew(const char *path, const char *member, const char *name);
/* release m and everything it holds (NULL is fine) */
void modfree(struct sdtmodule *m);
/*
 * Read the ELF image img (n bytes) into m: its header, sections, notes
 * (checked whole), symbols and relocations. 0, or -1 with a reason.
 */
int modopen(struct sdtmodule *m, unsigned char *img, size_t n, char *reason, size_t len);

#endif
