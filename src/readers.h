/* SPDX-License-Identifier: MIT */
/* readers.h: which tracers can read a probe argument, by the form of its operand */
#ifndef SDTKIT_READERS_H
#define SDTKIT_READERS_H

#include <stddef.h>

#include "argspec.h"

struct buf;

/* the tracers people read probes with, in the order messages name them */
enum tracer {
	TRACER_GDB,
	TRACER_BCC,
	TRACER_LIBBPF,
	TRACER_BPFTRACE,
	TRACER_SYSTEMTAP,
	NTRACERS
};

/* a set of tracers: bit (1u << t) for each */
typedef unsigned tracerset;

/* the tracer's name as --tracer spells it: "bpftrace" */
const char *tracername(enum tracer t);
/* the tracer as messages name it, with the version the verdicts were measured on: "gdb 13" */
const char *tracerlabel(enum tracer t);
/* the tracer named name[0..len), or -1 */
int tracerbyname(const char *name, size_t len);
/* the names of set s into b: "gdb 13, bcc, libbpf and bpftrace 0.17" */
void tracerwords(struct buf *b, tracerset s);

/* what one argument of a site is, for the tracers */
struct readverdict {
	tracerset cannot;               /* the tracers that cannot read it */
	const char *why[NTRACERS];      /* for each of them, why: "a floating-point operand" */
	size_t after[NTRACERS];         /* where why is NULL: the argument (from 0) it lost this one with */
};

/*
 * The verdicts on the n arguments of one site of a module of ELF machine em
 * (out[i] for args[i]); byvalue[i], when byvalue is not NULL, says that the
 * provider file declares argument i a struct or union passed by value
 * (which the note cannot say). A tracer that gives up on a site's
 * arguments from the first one it cannot read, or on the whole probe,
 * cannot read those either (their why is NULL and after names the first).
 */
void siteverdicts(int em, const struct sitearg *args, size_t n, const int *byvalue,
                  struct readverdict *out);

/* why tracer t cannot read the argument v is the verdict on, into b (t must be in v->cannot) */
void verdictwhy(struct buf *b, const struct readverdict *v, enum tracer t);

/* the tracers that cannot read a floating-point argument wherever it is */
tracerset floatcannot(void);

#endif
