/* SPDX-License-Identifier: MIT */
/* header.h: the probe header and the no-op header */
#ifndef SDTKIT_HEADER_H
#define SDTKIT_HEADER_H

#include "model.h"
#include "object.h"
#include "util.h"

struct headeropts {
	int disabled;         /* the no-op header */
	const char *prefix;   /* replaces "PROVIDER_" in macro names, or NULL */
	enum semvis sem;
	const char *source;   /* the .d file's name, as written in the banner */
	int floatbits;        /* float and double reach the site as their bits (--floats=bits) */
	int fastsites;        /* x86-64 sites a kernel with optimized uprobes runs without a trap (--sites=fast) */
};

/* append the header for m to out */
void header(const struct model *m, const struct headeropts *o, struct buf *out);

#endif
