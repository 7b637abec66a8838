/* SPDX-License-Identifier: MIT */
/* sites.h: the probes built files carry, and how their arguments are noted */
#ifndef SDTKIT_SITES_H
#define SDTKIT_SITES_H

#include <stddef.h>

#include "model.h"
#include "readers.h"

enum { PLACEDARGS = 12 }; /* the arguments kept per probe: as many as sdt.h writes */

/* one probe of a built file: its first site's arguments, and what tracers make of all its sites */
struct placed {
	char *provider, *name;
	size_t nargs;
	int isfloat[PLACEDARGS]; /* per argument: noted 'f' (4f@, 8f@) */
	int size[PLACEDARGS];    /* per argument: 1, 2, 4, 8 (0: malformed) */
	/* per argument: the tracers that cannot read it at one site or more, and
	   why (the first such site's verdict) */
	struct readverdict read[PLACEDARGS];
	size_t nsites;
};

struct sdtmodule;
struct sdtsite;

/* called for each site s of module m of a built file */
typedef void sitefn(void *ctx, struct sdtmodule *m, const struct sdtsite *s);
/*
 * fn for every site of every module of the built file at path (an ELF
 * file or an archive); 0, or -1 after a diagnostic for each module or file
 * that cannot be read (the others are read all the same)
 */
int eachsite(const char *path, sitefn *fn, void *ctx);

struct placedset {
	struct placed *p;
	size_t n;
};

/*
 * The probes of the built file at path (every module of it) into s; decl,
 * when not NULL, is the provider file, which says what the notes cannot
 * (an argument passed by value). 0, or -1 after a diagnostic.
 */
int placedread(const char *path, const struct model *decl, struct placedset *s);
/* the probe provider:name of s, or NULL */
const struct placed *placedfind(const struct placedset *s, const char *provider, const char *name);
/* whether p has an argument noted floating-point; the first one's index (from 0) in *k */
int placedfloat(const struct placed *p, size_t *k);
/*
 * Whether tracer t can read argument k of p at every site; if not, why
 * into b ("a floating-point operand", "it gives up on the site at argument 1")
 */
int placedreads(const struct placed *p, size_t k, enum tracer t, struct buf *b);
/* whether a provider file declares argument k of a probe a struct or union passed by value */
int declbyvalue(const struct model *decl, const char *provider, const char *name, size_t k);
void placedfree(struct placedset *s);

#endif
