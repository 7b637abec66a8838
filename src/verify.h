/* SPDX-License-Identifier: MIT */
/* verify.h: comparing a provider file's declarations with the probe sites of ELF files */
#ifndef SDTKIT_VERIFY_H
#define SDTKIT_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* one argument of a site, as its spec ("-4@%edi") says */
struct vsitearg {
	const char *spec; /* not NUL-terminated */
	size_t speclen;
	int size;         /* 1, 2, 4 or 8; 0 when the spec is malformed */
	int issigned, isfloat;
};

/* what the checks need to know of one probe site (the strings are only borrowed) */
struct vsite {
	size_t file;          /* which module it comes from: orders the problems */
	const char *filename; /* how problems name that module: "./prog", "lib.a(m.o)" */
	int lp64;             /* the module's data model: LP64, else ILP32 */
	int relocatable;      /* a .o: addresses are offsets in their sections */
	int program;          /* an executable (else a shared library or an object) */
	const char *provider, *name;
	const struct vsitearg *args;
	size_t nargs;         /* may exceed the number of args filled */
	size_t nfilled;
	uint64_t pc;
	int pcexec;           /* pc is in executable code: 1, 0, or -1 (cannot tell) */
	const char *pcsection;
	int hassem;           /* the note names a semaphore */
	uint64_t sem;         /* its address (in a .o, its offset in semsection) */
	const char *semsection; /* the section holding it, or NULL (unknown, or none) */
	int semknown;         /* semsection, semwritable are known (a .o may not define it) */
	int semwritable;
	const char *semsymbol;
	uint64_t semshadow;   /* where the kernel would arm the semaphore instead, or 0 */
	uint64_t base;        /* the note's base field */
	int hasbase;          /* the module has a .stapsdt.base section */
};

/* a problem found; msg is one line without newline, naming the probe and the file */
struct vproblem {
	char *msg;
};

/* what a site may record for a declared argument */
struct argexpect {
	int known;         /* 0: the type says nothing a note can (a typedef left to the includer) */
	unsigned sizes[2]; /* the sizes it may have, as bits (1 << size), under ILP32 and LP64 */
	int sign;          /* 0 either, 1 signed, 2 unsigned */
	int isfloat;
};

/* what argument a of model m lets a site record */
void argexpect(const struct model *m, const struct arg *a, struct argexpect *e);

struct buf;
/* the sizes of a mask of argexpect's sizes in words into b: "4-byte", "4- or 8-byte" */
void sizewords(struct buf *b, unsigned mask);

/* the probe provider:name m declares, or NULL; *hasprovider: whether m declares provider */
const struct probe *declprobe(const struct model *m, const char *provider, const char *name,
                              int *hasprovider);

/* what a tracer reads argument a as */
enum readas {
	RA_STRING,   /* a pointer to char: text */
	RA_POINTER,  /* any other pointer, array or function: an address */
	RA_SIGNED,   /* a signed integer (plain char and enums count as signed) */
	RA_UNSIGNED, /* an unsigned integer, _Bool */
	RA_FLOAT,    /* float or double */
	RA_OTHER,    /* a type name the .d leaves to its includer */
};
enum readas readas(const struct model *m, const struct arg *a);

struct verifier;

/*
 * A verifier of the probes of model m, read from path (as problems name
 * it); it takes m over (m is left empty) and frees it in verifyfree.
 */
struct verifier *verifynew(struct model *m, const char *path);
/* the provider file's model */
const struct model *verifymodel(const struct verifier *v);
/* whether the provider file declares provider */
int declaredprovider(const struct verifier *v, const char *provider);
/* compare one site with the declarations (sites of other providers are ignored) */
void verifysite(struct verifier *v, const struct vsite *s);
/*
 * The problems, sorted (declared probes without a site first, in the
 * file's order, when complete is set: every input was read; then probes
 * whose sites in linked files have more than one semaphore; then by
 * module, probe, kind). Valid until verifyfree.
 */
const struct vproblem *verifyend(struct verifier *v, int complete, size_t *n);
/* release everything */
void verifyfree(struct verifier *v);

#endif
