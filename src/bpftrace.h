/* SPDX-License-Identifier: MIT */
/* bpftrace.h: a bpftrace script that prints every probe of a provider file, decoded */
#ifndef SDTKIT_BPFTRACE_H
#define SDTKIT_BPFTRACE_H

#include "model.h"
#include "sites.h"
#include "util.h"

/* what a tracer-side file names */
struct tracerfile {
	const char *path;   /* the binary, as the file names it (where it is installed) */
	const char *source; /* the provider file, for the banner */
	const char *name;   /* the file written, for its usage line */
};

/*
 * Append to out the script for the probes of m that ps (the binary's)
 * carries. Returns 0, or -1 when the binary carries none of them that
 * bpftrace can attach (the script is written all the same).
 */
int bpftracescript(const struct model *m, const struct placedset *ps, const struct tracerfile *f,
                   struct buf *out);

#endif
