/* SPDX-License-Identifier: MIT */
/* check.c: the 'check' command: a provider file against the probe sites of ELF files */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argspec.h"
#include "check.h"
#include "elfnotes.h"
#include "list.h"
#include "load.h"
#include "util.h"
#include "verify.h"

/*
 * sdtkit check PROVIDER.d FILE...
 *
 * The sites of all the files (executables, shared libraries, objects,
 * archives) are one set: a probe declared in the .d must have a site in
 * one of them, and each site of a provider the .d declares must match its
 * declaration (see verify.c for what "match" means). Sites of other
 * providers are ignored. Problems go to standard output, one per line,
 * sorted; errors (unreadable files) to standard error.
 *
 * This file reads the provider file (load.c) and the sites (elfnotes.c)
 * and prints; verify.c compares.
 */

enum { ARGSMAX = 64 }; /* sdt.h writes at most 12; a file may say more, which is reported */

static const char check_usage[] =
	"usage: sdtkit check [-C [-I DIR] [-D NAME[=VAL]] [-U NAME]] PROVIDER.d FILE...\n";

static int
usagefail(const char *fmt, const char *arg)
{
	return usageerror(check_usage, fmt, arg);
}

/* one site as the comparison sees it */
static void
tovsite(const struct sdtmodule *m, const struct sdtsite *s, size_t file, const char *filename,
        struct sitearg *args, struct vsitearg *vargs, struct vsite *v)
{
	const struct sdtmodinfo *mi = sdtinfo(m);
	size_t i;

	memset(v, 0, sizeof(*v));
	v->file = file;
	v->filename = filename;
	v->lp64 = mi->model == SDT_LP64;
	v->relocatable = mi->type == ET_REL;
	v->program = mi->type == ET_EXEC || mi->interp || mi->pie;
	v->provider = s->provider;
	v->name = s->name;
	v->nargs = sdtsiteargs(m, s, args, ARGSMAX);
	v->nfilled = v->nargs < ARGSMAX ? v->nargs : ARGSMAX;
	for (i = 0; i < v->nfilled; i++) {
		vargs[i].spec = args[i].spec;
		vargs[i].speclen = args[i].speclen;
		vargs[i].size = args[i].size;
		vargs[i].issigned = args[i].issigned;
		vargs[i].isfloat = args[i].isfloat;
	}
	v->args = vargs;
	v->pc = s->pc;
	v->pcexec = s->pcexec;
	v->pcsection = s->pcsection;
	v->semsymbol = s->semsymbol;
	v->semshadow = s->semshadow;
	v->semsection = s->semsection;
	v->semwritable = (s->semflags & SHF_WRITE) != 0;
	v->sem = s->semaphore;
	if (v->relocatable) {
		/* an undefined semaphore relocates to 0 but names its symbol */
		v->hassem = s->semaphore != 0 || s->semsymbol || s->semsection;
		v->semknown = s->semsection != NULL;
	} else {
		v->hassem = s->notesem != 0;
		v->semknown = 1;
	}
	v->base = s->base;
	v->hasbase = mi->hasbase;
}

/* feed every site of one opened input to v; 0, or -1 if a module could not be read */
static int
checkreader(struct verifier *v, struct sdtreader *r, size_t *file, struct floatnotes *fn)
{
	struct sitearg args[ARGSMAX];
	struct vsitearg vargs[ARGSMAX];
	struct sdtmodule *m;
	struct sdterr err;
	int rc, bad = 0;

	while ((rc = sdtnextmodule(r, &m, &err)) != 0) {
		const struct sdtmodinfo *mi;
		struct sdtsite s;
		char *name;

		if (rc < 0) {
			warn("'%s': %s", err.name, err.reason);
			bad = -1;
			continue;
		}
		mi = sdtinfo(m);
		name = mi->member ? xasprintf("%s(%s)", mi->path, mi->member) : xstrdup(mi->path);
		while (sdtnextsite(m, &s)) {
			struct vsite vs;

			if (declaredprovider(v, s.provider))
				floatnote(fn, m, &s, name);
			tovsite(m, &s, *file, name, args, vargs, &vs);
			verifysite(v, &vs);
		}
		free(name);
		(*file)++;
	}
	return bad;
}

int
cmd_check(int argc, char **argv)
{
	const char *dfile = NULL;
	const char **files = xcalloc((size_t)argc, sizeof(*files));
	const struct vproblem *pr;
	struct verifier *v = NULL;
	struct loadopts lo = {0};
	struct floatnotes fn = {NULL, 0};
	struct model m;
	const char *opt = NULL;
	size_t nfiles = 0, file = 0, npr, k;
	int i, rest = 0, bad = 0, rc, taken;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!rest && a[0] == '-' && (taken = loadoption(&lo, argc, argv, &i, &opt)) != 0) {
			if (taken < 0) {
				rc = usagefail("option '%s' needs a value", opt);
				goto out;
			}
		} else if (rest || a[0] != '-' || strcmp(a, "-") == 0) {
			if (!dfile)
				dfile = a;
			else
				files[nfiles++] = a;
		} else if (strcmp(a, "--") == 0) {
			rest = 1;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(check_usage, stdout);
			rc = 0;
			goto out;
		} else {
			rc = usagefail("unknown option '%s'", a);
			goto out;
		}
	}
	if (!dfile) {
		rc = usagefail("no provider file given%s", "");
		goto out;
	}
	if (nfiles == 0) {
		rc = usagefail("no file to check given%s", "");
		goto out;
	}
	if (loadmodel(dfile, &lo, &m, printdiag, NULL) < 0) {
		rc = 1;
		goto out;
	}
	v = verifynew(&m, dfile);
	for (k = 0; k < nfiles; k++) {
		struct sdtreader *r;
		struct sdterr err;

		if (sdtopen(&r, files[k], &err) < 0) {
			warn("'%s': %s", err.name, err.reason);
			bad = 1;
			continue;
		}
		if (checkreader(v, r, &file, &fn) < 0)
			bad = 1;
		sdtclose(r);
	}
	/* with an input unread, a probe without a site may have one there: not reported */
	pr = verifyend(v, !bad, &npr);
	for (k = 0; k < npr; k++)
		printf("%s\n", pr[k].msg);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("cannot write the report:");
		bad = 1;
	}
	rc = bad || npr > 0 ? 1 : 0;
out:
	verifyfree(v);
	loadfree(&lo);
	floatnotesfree(&fn);
	free(files);
	return rc;
}
