/* SPDX-License-Identifier: MIT */
/* elfnotes.h: reading SDT probe sites from ELF files, static archives and running processes */
#ifndef SDTKIT_ELFNOTES_H
#define SDTKIT_ELFNOTES_H

/*
 * The probe reader's interface. Its types are used by every file of the
 * reader; its functions are the front door's (elfnotes.c: opening, walking
 * modules) and one image's (elfimage.c: sites). The reader's five layers
 * are listed in elfbase.h.
 */

#include <stddef.h>
#include <stdint.h>

#include "argspec.h"

enum {
	SDTNAMEMAX = 4096 + 256, /* a path, plus "(member)" */
	SDTREASONMAX = 512,
};

/* what went wrong, and where: the CLI prints "'name': reason" */
struct sdterr {
	char name[SDTNAMEMAX];     /* the file, archive member ("dir/lib.a(m.o)") or mapped file */
	char reason[SDTREASONMAX]; /* lowercase, no final period */
};

enum sdtmodel {
	SDT_ILP32, /* ELFCLASS32: 4-byte addresses in the notes */
	SDT_LP64,  /* ELFCLASS64: 8-byte addresses */
};

/* one ELF image: a file, an archive member, or a file mapped by a process */
struct sdtmodinfo {
	const char *path;   /* the file opened (the archive, for its members) */
	const char *member; /* the archive member's name, or NULL */
	int thin;           /* the member of a thin archive (its data is in a file of its own) */
	const char *name;   /* display name: "list", "libfoo.a(foo.o)" */
	long pid;           /* the process that maps it, or 0 */
	int machine;        /* e_machine */
	int elfclass;       /* ELFCLASS32 or ELFCLASS64 */
	int byteorder;      /* ELFDATA2LSB or ELFDATA2MSB */
	int type;           /* e_type: ET_EXEC, ET_DYN, ET_REL, ... */
	int interp;         /* it names a program interpreter (PT_INTERP): a dynamic program */
	int pie;            /* DT_FLAGS_1 has DF_1_PIE: a position-independent program */
	int osabi;          /* e_ident[EI_OSABI] */
	unsigned flags;     /* e_flags */
	enum sdtmodel model;
	int hasbase;        /* a .stapsdt.base section exists */
	uint64_t baseaddr;  /* its sh_addr */
	uint64_t bias;      /* run-time address minus file address (processes), else 0 */
	size_t nsites;      /* stapsdt notes in the image */
};

/* one probe site; the strings live as long as the module */
struct sdtsite {
	const char *provider, *name, *args; /* as in the note ("function__entry") */
	uint64_t pc;        /* where the probe is: notepc adjusted by .stapsdt.base and the bias */
	uint64_t base;      /* the note's base field */
	uint64_t semaphore; /* notesem adjusted like pc, or 0 when the probe has none */
	uint64_t notepc;    /* the note's pc field, relocated in a .o (as readelf shows it) */
	uint64_t notesem;   /* the note's semaphore field, the same way */
	uint32_t descsz;    /* the note descriptor's size */
	size_t index;       /* 0-based among the module's sites */
	const char *notesection; /* the section the note is in */
	size_t notescn;     /* that section's index */
	const char *function; /* the function symbol containing pc, or NULL */
	const char *pcsection; /* the section containing pc, or NULL */
	int pcexec;         /* pc is in executable code: 1 yes, 0 no, -1 cannot tell */
	const char *semsection; /* the section containing the semaphore, or NULL */
	uint64_t semflags;  /* its sh_flags */
	uint64_t semalign;  /* its sh_addralign */
	const char *semsymbol; /* the symbol at (or relocated to) the semaphore, or NULL */
	uint64_t semshadow; /* the writable segment (its vaddr) where the kernel would arm the
	                       semaphore instead, because it maps the same file page first; or 0 */
};

struct sdtreader;
struct sdtmodule;

/*
 * Open an ELF file or a static archive. Returns 0, or -1 with err set
 * (unreadable, not a regular file, neither ELF nor archive).
 */
int sdtopen(struct sdtreader **r, const char *path, struct sdterr *err);
/*
 * Read the ELF file at path (not an archive) as sdtopen and sdtnextmodule
 * would, and fill info; its string fields are NULL. Returns 0, or -1 with err set.
 */
int sdtreadelf(const char *path, struct sdtmodinfo *info, struct sdterr *err);
/* Open the ELF files mapped by process pid. Returns 0, or -1 with err set. */
int sdtopenpid(struct sdtreader **r, long pid, struct sdterr *err);
/*
 * The next ELF image: 1 with *m set (valid until the next call or
 * sdtclose), 0 at the end, -1 with err set for a malformed or unreadable
 * image; calling again after -1 goes on with the next image if any.
 * A module is checked whole before it is returned: iterating it cannot fail.
 */
int sdtnextmodule(struct sdtreader *r, struct sdtmodule **m, struct sdterr *err);
/* the module's description */
const struct sdtmodinfo *sdtinfo(const struct sdtmodule *m);
/* the next site of m into *s: 1, or 0 after the last one */
int sdtnextsite(struct sdtmodule *m, struct sdtsite *s);
/*
 * Split and parse the site's arguments by the module's machine into out
 * (at most max). Returns how many there are (more than max: only max are
 * filled); out[i].hasop is 0 for each that does not parse (argparse says why).
 */
size_t sdtsiteargs(const struct sdtmodule *m, const struct sdtsite *s, struct sitearg *out,
                   size_t max);
/* start the module's sites over */
void sdtrewind(struct sdtmodule *m);
/* release everything */
void sdtclose(struct sdtreader *r);
/* a short name for an ELF machine ("x86_64", "aarch64"), or NULL */
const char *sdtmachinename(int em);

#endif
