/* SPDX-License-Identifier: MIT */
/* sites.c: the probes built files carry, and how their arguments are noted */
#include <stdlib.h>
#include <string.h>

#include "elfnotes.h"
#include "sites.h"
#include "util.h"

enum { ARGSMAX = 64 };

struct placectx {
	struct placedset *s;
	const struct model *decl;
};

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

int
declbyvalue(const struct model *decl, const char *provider, const char *name, size_t k)
{
	size_t i, j;

	for (i = 0; decl && i < decl->nproviders; i++) {
		const struct provider *pv = &decl->providers[i];

		if (strcmp(pv->name, provider) != 0)
			continue;
		for (j = 0; j < pv->nprobes; j++) {
			const struct probe *p = &pv->probes[j];

			if (strcmp(p->name, name) == 0 && k < p->nargs)
				return p->args[k].cls == TC_BYVALUE || p->args[k].ccls == TC_BYVALUE;
		}
	}
	return 0;
}

static void
placeone(void *ctx, struct sdtmodule *m, const struct sdtsite *site)
{
	struct placectx *c = ctx;
	struct placedset *s = c->s;
	struct sitearg args[PLACEDARGS];
	struct readverdict v[PLACEDARGS];
	int byvalue[PLACEDARGS];
	struct placed *p = (struct placed *)placedfind(s, site->provider, site->name);
	size_t n, k, t;

	n = sdtsiteargs(m, site, args, PLACEDARGS);
	if (n > PLACEDARGS)
		n = PLACEDARGS;
	for (k = 0; k < n; k++)
		byvalue[k] = declbyvalue(c->decl, site->provider, site->name, k);
	siteverdicts(sdtinfo(m)->machine, args, n, byvalue, v);
	if (!p) {
		s->p = xgrowarray(s->p, s->n, sizeof(s->p[0]));
		p = &s->p[s->n++];
		memset(p, 0, sizeof(*p));
		p->provider = xstrdup(site->provider);
		p->name = xstrdup(site->name);
		p->nargs = n;
		for (k = 0; k < n; k++) {
			p->isfloat[k] = args[k].isfloat;
			p->size[k] = args[k].size;
		}
	}
	p->nsites++;
	/* a probe's sites may differ: what one of them loses, the probe loses */
	for (k = 0; k < n && k < p->nargs; k++) {
		for (t = 0; t < NTRACERS; t++) {
			if (((v[k].cannot >> t) & 1) && !((p->read[k].cannot >> t) & 1)) {
				p->read[k].cannot |= 1u << t;
				p->read[k].why[t] = v[k].why[t];
				p->read[k].after[t] = v[k].after[t];
			}
		}
	}
}

int
placedreads(const struct placed *p, size_t k, enum tracer t, struct buf *b)
{
	const struct readverdict *v;

	if (k >= p->nargs || k >= PLACEDARGS)
		return 1;
	v = &p->read[k];
	if (!((v->cannot >> t) & 1))
		return 1;
	verdictwhy(b, v, t);
	return 0;
}

int
placedfloat(const struct placed *p, size_t *k)
{
	size_t i;

	for (i = 0; i < p->nargs && i < PLACEDARGS; i++) {
		if (p->isfloat[i]) {
			*k = i;
			return 1;
		}
	}
	return 0;
}

int
placedread(const char *path, const struct model *decl, struct placedset *s)
{
	struct placectx c = {s, decl};

	return eachsite(path, placeone, &c);
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
