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
#include "readers.h"
#include "sites.h"
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
 * With --tracer=NAME[,NAME...] (repeatable; bpftrace, bcc, libbpf, gdb,
 * systemtap), each site of a declared provider with an argument one of
 * those tracers cannot read (readers.c's verdicts) is a problem too, one
 * line per site and tracer, after the others, in the order of the files.
 *
 * This file reads the provider file (load.c) and the sites (elfnotes.c)
 * and prints; verify.c compares.
 */

enum { ARGSMAX = 64 }; /* sdt.h writes at most 12; a file may say more, which is reported */

static const char check_usage[] =
	"usage: sdtkit check [--tracer=NAME,...] [-C [-I DIR] [-D NAME[=VAL]] [-U NAME]] PROVIDER.d FILE...\n";

/* what check reports besides the verifier's problems */
struct checkextra {
	struct floatnotes fn;
	tracerset tracers; /* --tracer: the tracers every site must be readable by */
	struct buf lines;  /* the sites they cannot read, one line each */
	size_t nlines;
};

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

/* the line of each tracer of x->tracers that cannot read an argument of site s into x */
static void
tracercheck(struct checkextra *x, const struct model *decl, int em, const struct vsite *s,
            const struct sitearg *args)
{
	struct readverdict rv[ARGSMAX];
	int byvalue[ARGSMAX];
	size_t n = s->nfilled, i, t, k;

	for (i = 0; i < n; i++)
		byvalue[i] = declbyvalue(decl, s->provider, s->name, i);
	siteverdicts(em, args, n, byvalue, rv);
	for (t = 0; t < NTRACERS; t++) {
		if (!((x->tracers >> t) & 1))
			continue;
		for (i = 0, k = 0; i < n; i++) {
			if (!((rv[i].cannot >> t) & 1))
				continue;
			if (k++ == 0)
				bufprintf(&x->lines, "'%s': probe '%s:%s' at 0x%llx: %s cannot read ", s->filename,
				          s->provider, s->name, (unsigned long long)s->pc, tracerlabel(t));
			else
				bufputs(&x->lines, ", ");
			bufprintf(&x->lines, "argument %zu '%.*s' (", i + 1, (int)args[i].speclen, args[i].spec);
			verdictwhy(&x->lines, &rv[i], t);
			bufputc(&x->lines, ')');
		}
		if (k) {
			bufputc(&x->lines, '\n');
			x->nlines++;
		}
	}
}

/* feed every site of one opened input to v; 0, or -1 if a module could not be read */
static int
checkreader(struct verifier *v, struct sdtreader *r, size_t *file, struct checkextra *x)
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

			tovsite(m, &s, *file, name, args, vargs, &vs);
			if (declaredprovider(v, s.provider)) {
				floatnote(&x->fn, m, &s, name);
				if (x->tracers)
					tracercheck(x, verifymodel(v), mi->machine, &vs, args);
			}
			verifysite(v, &vs);
		}
		free(name);
		(*file)++;
	}
	return bad;
}

/* add the tracers of a comma-separated list to *set; 0, or -1 after a usage error */
static int
tracerlist(const char *list, tracerset *set)
{
	const char *s = list;

	for (;;) {
		size_t n = strcspn(s, ",");
		int t = tracerbyname(s, n);

		if (t < 0) {
			char *bad = xstrndup(s, n);

			usagefail("unknown tracer '%s' (bpftrace, bcc, libbpf, gdb or systemtap)", bad);
			free(bad);
			return -1;
		}
		*set |= 1u << t;
		if (!s[n])
			return 0;
		s += n + 1;
	}
}

int
cmd_check(int argc, char **argv)
{
	const char *dfile = NULL;
	const char **files = xcalloc((size_t)argc, sizeof(*files));
	const struct vproblem *pr;
	struct verifier *v = NULL;
	struct loadopts lo = {0};
	struct checkextra x = {{NULL, 0}, 0, {0}, 0};
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
		} else if (strncmp(a, "--tracer=", 9) == 0 || strcmp(a, "--tracer") == 0) {
			const char *list = a[8] == '=' ? a + 9 : i + 1 < argc ? argv[++i] : NULL;

			if (!list) {
				rc = usagefail("option '%s' needs a value", a);
				goto out;
			}
			if (tracerlist(list, &x.tracers) < 0) {
				rc = 2;
				goto out;
			}
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
		if (checkreader(v, r, &file, &x) < 0)
			bad = 1;
		sdtclose(r);
	}
	/* with an input unread, a probe without a site may have one there: not reported */
	pr = verifyend(v, !bad, &npr);
	for (k = 0; k < npr; k++)
		printf("%s\n", pr[k].msg);
	if (x.nlines)
		fputs(x.lines.s, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("cannot write the report:");
		bad = 1;
	}
	rc = bad || npr > 0 || x.nlines > 0 ? 1 : 0;
out:
	verifyfree(v);
	loadfree(&lo);
	floatnotesfree(&x.fn);
	buffree(&x.lines);
	free(files);
	return rc;
}
