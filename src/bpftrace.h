/* SPDX-License-Identifier: MIT */
/* bpftrace.h: a bpftrace script that prints every probe of a provider file, decoded */
#ifndef SDTKIT_BPFTRACE_H
#define SDTKIT_BPFTRACE_H

#include "model.h"
#include "sites.h"
#include "util.h"

/* one binary a tracer-side file names */
struct tracerbinary {
	const char *path;     /* as the file names it (where it is installed) */
	struct placedset ps;  /* the probes it carries */
};

/* what a tracer-side file names */
struct tracerfile {
	const struct tracerbinary *bins; /* one or more, in the order given */
	size_t nbins;
	const char *source; /* the provider file, for the banner */
	const char *name;   /* the file written, for its usage line */
};

/* the binaries of f holding probe provider:name: out[i] is its probe in bin i, or NULL; how many */
size_t tracerholders(const struct tracerfile *f, const char *provider, const char *name,
                     const struct placed **out);
/*
 * Whether tracer t reads argument k of a probe at every site of every
 * binary of f that holds it (pl: tracerholders' out); if not, why into b
 */
int tracerreads(const struct tracerfile *f, const struct placed *const *pl, size_t k,
                enum tracer t, struct buf *b);

/*
 * Append to out the script for the probes of m that the binaries of f
 * carry. Returns 0, or -1 when they carry none of them (the script is
 * written all the same).
 */
int bpftracescript(const struct model *m, const struct tracerfile *f, struct buf *out);

#endif
