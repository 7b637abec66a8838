/* SPDX-License-Identifier: MIT */
/* sites.c: the probes built files carry, and how their arguments are noted */
#include <stdlib.h>
#include <string.h>

#include "elfnotes.h"
#include "sites.h"
#include "util.h"

enum { ARGSMAX = 64, KEPT = 12 };

const struct placed *
placedfind(const struct placedset *s, const char *provider, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (strcmp(s->p[i].provider, provider) == 0 && strcmp(s->p[i].name, name) == 0)
			return &s->p[i];
	}
	return NULL;
}

int
eachsite(const char *path, sitefn *fn, void *ctx)
{
	struct sdtreader *r;
	struct sdtmodule *m;
	struct sdterr err;
	int rc, bad = 0;

	if (sdtopen(&r, path, &err) < 0) {
		warn("'%s': %s", err.name, err.reason);
		return -1;
	}
	while ((rc = sdtnextmodule(r, &m, &err)) != 0) {
		struct sdtsite site;

		if (rc < 0) {
			warn("'%s': %s", err.name, err.reason);
			bad = -1;
			continue;
		}
		while (sdtnextsite(m, &site))
			fn(ctx, m, &site);
	}
	sdtclose(r);
	return bad;
}

static void
placeone(void *ctx, struct sdtmodule *m, const struct sdtsite *site)
{
	struct placedset *s = ctx;
	struct sitearg args[ARGSMAX];
	struct placed *p;
	size_t n, k;

	if (placedfind(s, site->provider, site->name))
		return;
	n = sdtsiteargs(m, site, args, ARGSMAX);
	s->p = xgrowarray(s->p, s->n, sizeof(s->p[0]));
	p = &s->p[s->n++];
	memset(p, 0, sizeof(*p));
	p->provider = xstrdup(site->provider);
	p->name = xstrdup(site->name);
	p->nargs = n;
	for (k = 0; k < n && k < KEPT; k++) {
		p->isfloat[k] = args[k].isfloat;
		p->size[k] = args[k].size;
	}
}

int
placedfloat(const struct placed *p, size_t *k)
{
	size_t i;

	for (i = 0; i < p->nargs && i < KEPT; i++) {
		if (p->isfloat[i]) {
			*k = i;
			return 1;
		}
	}
	return 0;
}

int
placedread(const char *path, struct placedset *s)
{
	return eachsite(path, placeone, s);
}

void
placedfree(struct placedset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->p[i].provider);
		free(s->p[i].name);
	}
	free(s->p);
	memset(s, 0, sizeof(*s));
}
