/* SPDX-License-Identifier: MIT */
/* argspec.h: parsing SDT argument specs ("-4@8(%rbp)") by the ELF file's machine */
#ifndef SDTKIT_ARGSPEC_H
#define SDTKIT_ARGSPEC_H

#include <stddef.h>
#include <stdint.h>

enum {
	ARGREGMAX = 16,  /* longest register name kept, with its NUL */
	ARGSYMMAX = 256, /* longest symbolic displacement or immediate kept, with its NUL */
};

enum argkind {
	ARG_REG, /* the value is in a register */
	ARG_MEM, /* the value is in memory at [base + index * scale + offset (+ symbol)] */
	ARG_IMM, /* the value is a constant (imm, plus symbol's address if symbol is set) */
};

/* the operand of one argument; registers are named without syntax prefixes ("rax", "r31") */
struct argop {
	enum argkind kind;
	char reg[ARGREGMAX];   /* ARG_REG */
	char base[ARGREGMAX];  /* ARG_MEM; "" when absolute */
	char index[ARGREGMAX]; /* ARG_MEM; "" when not indexed */
	int scale;             /* ARG_MEM with an index: 1, 2, 4 or 8 (from x86 ",8" or arm "lsl #3") */
	int64_t offset;        /* ARG_MEM: the numeric displacement */
	int64_t imm;           /* ARG_IMM: the numeric value */
	char symbol[ARGSYMMAX]; /* ARG_MEM, ARG_IMM: symbolic part ("gtab", ":lo12:.LANCHOR1"), or "" */
	char segment[ARGREGMAX]; /* ARG_MEM: x86 segment override ("fs"), or "" */
};

/* one argument: "[-]SIZE[f]@OPERAND" */
struct sitearg {
	const char *spec; /* the spec's text (not NUL-terminated: inside the note's string) */
	size_t speclen;
	int size;         /* bytes: 1, 2, 4 or 8 */
	int issigned;     /* the size had a '-' */
	int isfloat;      /* the size had an 'f' */
	int hasop;        /* op was parsed (0 when the spec or its operand is malformed) */
	struct argop op;
};

/* the name of the argument syntax used for ELF machine em ("x86_64"), or NULL if unknown */
const char *argsyntaxname(int em);

/*
 * Parse one spec of len bytes for machine em into a. Returns 0, or -1 with
 * a reason in err; a->spec, a->size, a->issigned and a->isfloat are set as
 * far as they could be read (a->size 0 when even the size is malformed).
 */
int argparse(int em, const char *spec, size_t len, struct sitearg *a, char *err, size_t errlen);

/*
 * Split the space-separated argument string s into at most max specs
 * (without parsing them). Returns the number found; more than max is
 * reported by a return value greater than max, with only max filled.
 */
size_t argsplit(const char *s, struct sitearg *out, size_t max);

#endif
