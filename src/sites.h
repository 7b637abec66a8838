/* SPDX-License-Identifier: MIT */
/* sites.h: the probes built files carry, and how their arguments are noted */
#ifndef SDTKIT_SITES_H
#define SDTKIT_SITES_H

#include <stddef.h>

/* one probe of a built file: its first site's arguments */
struct placed {
	char *provider, *name;
	size_t nargs;
	int isfloat[12 + 1]; /* per argument, up to sdt.h's 12: noted 'f' (4f@, 8f@) */
	int size[12 + 1];    /* per argument: 1, 2, 4, 8 (0: malformed) */
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

/* the probes of the built file at path (every module of it) into s; 0, or -1 after a diagnostic */
int placedread(const char *path, struct placedset *s);
/* the probe provider:name of s, or NULL */
const struct placed *placedfind(const struct placedset *s, const char *provider, const char *name);
/* whether p has an argument noted floating-point; the first one's index (from 0) in *k */
int placedfloat(const struct placed *p, size_t *k);
void placedfree(struct placedset *s);

#endif
