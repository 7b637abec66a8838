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

struct placedset {
	struct placed *p;
	size_t n;
};

/* the probes of the built file at path (every module of it) into s; 0, or -1 after a diagnostic */
int placedread(const char *path, struct placedset *s);
/* the probe provider:name of s, or NULL */
const struct placed *placedfind(const struct placedset *s, const char *provider, const char *name);
void placedfree(struct placedset *s);

#endif
