/* SPDX-License-Identifier: MIT */
/* diff.c: the 'diff' command: two versions of a probe interface, compared */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diff.h"
#include "elfnotes.h"
#include "load.h"
#include "sites.h"
#include "verify.h"

/*
 * sdtkit diff [--format=text|json] [-C ...] OLD NEW
 * sdtkit diff [--format=text|json] [-C ...] OLD... -- NEW...
 *
 * Each side is a provider file or built files (executables, libraries,
 * objects, archives: their sites together, as check takes them). An
 * argument's shape is what a note can say of it under a data model: its
 * size, signedness and float-ness; a .d gives it for ILP32 and LP64 from the
 * declared type (verify.c), built files for their own model from their
 * sites. Changes, one line each, sorted by probe:
 *
 *   compatible  a probe added; an argument renamed (.d); an argument's type
 *               spelt otherwise with the same shape (.d); a semaphore added
 *   breaking    a probe removed; arguments added or removed; an argument's
 *               size, signedness or float-ness changed; a semaphore dropped
 *
 * Semaphores are compared between built files only: a .d does not say.
 * Exit status: 0 nothing breaks, 1 something does, 2 bad input or usage.
 */

enum { ARGSMAX = 64, EXIT_BREAKS = 1, EXIT_BAD = 2 };

static const char diff_usage[] =
	"usage: sdtkit diff [--format=text|json] [-C [-I DIR] [-D NAME[=VAL]] [-U NAME]] OLD NEW\n"
	"       sdtkit diff [--format=text|json] [-C ...] OLD... -- NEW...\n"
	"  each side a provider file (.d) or built files (programs, libraries, objects, archives)\n";

/* an argument's shape under one data model */
struct shape {
	int known;
	unsigned sizes; /* bits 1 << size */
	int sign;       /* bits: 1 signed seen/allowed, 2 unsigned */
	int isfloat;    /* bits: 1 integer, 2 floating point */
};

struct iarg {
	char *name;        /* .d: the declared name, or NULL */
	char *type;        /* .d: the declared type */
	struct shape s[2]; /* under ILP32, LP64 */
};

struct iprobe {
	char *provider, *name;
	char *key;         /* "provider:name" */
	size_t nargs;
	struct iarg *args;
	int sem;           /* built: 1 a semaphore, 0 none; .d: -1 (not said) */
};

struct iface {
	int fromd;         /* a provider file */
	int models;        /* bits: 1 ILP32, 2 LP64 (what the shapes cover) */
	struct iprobe *p;
	size_t n;
};

struct change {
	char *key;         /* the probe */
	int breaking;
	const char *kind;  /* "added", "removed", "arguments", "size", ... */
	size_t arg;        /* 1-based, 0 for the probe itself */
	char *msg;
	size_t order;
};

struct changes {
	struct change *c;
	size_t n;
};

static int
usagefail(const char *fmt, const char *arg)
{
	return usageerror(diff_usage, fmt, arg);
}

static struct iprobe *
findprobe(const struct iface *f, const char *provider, const char *name)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (strcmp(f->p[i].provider, provider) == 0 && strcmp(f->p[i].name, name) == 0)
			return &f->p[i];
	}
	return NULL;
}

static struct iprobe *
addprobe(struct iface *f, const char *provider, const char *name, size_t nargs)
{
	struct iprobe *p;

	f->p = xgrowarray(f->p, f->n, sizeof(f->p[0]));
	p = &f->p[f->n++];
	memset(p, 0, sizeof(*p));
	p->provider = xstrdup(provider);
	p->name = xstrdup(name);
	p->key = xasprintf("%s:%s", provider, name);
	p->nargs = nargs;
	p->args = xcalloc(nargs ? nargs : 1, sizeof(p->args[0]));
	p->sem = -1;
	return p;
}

static void
ifacefree(struct iface *f)
{
	size_t i, k;

	for (i = 0; i < f->n; i++) {
		for (k = 0; k < f->p[i].nargs; k++) {
			free(f->p[i].args[k].name);
			free(f->p[i].args[k].type);
		}
		free(f->p[i].args);
		free(f->p[i].provider);
		free(f->p[i].name);
		free(f->p[i].key);
	}
	free(f->p);
	memset(f, 0, sizeof(*f));
}

/* the interface a provider file declares; 0, or -1 after a diagnostic */
static int
fromd(const char *path, const struct loadopts *lo, struct iface *f)
{
	struct model m;
	size_t i, j, k;

	if (loadmodel(path, lo, &m, printdiag, NULL) < 0)
		return -1;
	f->fromd = 1;
	f->models = 3;
	for (i = 0; i < m.nproviders; i++) {
		for (j = 0; j < m.providers[i].nprobes; j++) {
			const struct probe *dp = &m.providers[i].probes[j];
			struct iprobe *p = addprobe(f, m.providers[i].name, dp->name, dp->nargs);

			for (k = 0; k < dp->nargs; k++) {
				struct argexpect e;
				int mod;

				argexpect(&m, &dp->args[k], &e);
				p->args[k].name = dp->args[k].name ? xstrdup(dp->args[k].name) : NULL;
				p->args[k].type = xstrdup(dp->args[k].type);
				for (mod = 0; mod < 2; mod++) {
					struct shape *s = &p->args[k].s[mod];

					s->known = e.known;
					s->sizes = e.sizes[mod];
					s->sign = e.sign && !e.isfloat ? e.sign : 3; /* a float has no sign bit in a note */
					s->isfloat = e.isfloat ? 2 : 1;
				}
			}
		}
	}
	modelfree(&m);
	return 0;
}

/* add one site of a built file to f (a sitefn) */
static void
addsite(void *ctx, struct sdtmodule *mod, const struct sdtsite *s)
{
	struct iface *f = ctx;
	struct sitearg args[ARGSMAX];
	size_t n = sdtsiteargs(mod, s, args, ARGSMAX), k;
	int model = sdtinfo(mod)->model == SDT_LP64 ? 1 : 0;
	struct iprobe *p = findprobe(f, s->provider, s->name);

	f->models |= 1 << model;
	if (n > ARGSMAX)
		n = ARGSMAX;
	if (!p)
		p = addprobe(f, s->provider, s->name, n);
	/* sites that disagree on the count: the widest is what a script can read */
	if (n > p->nargs) {
		p->args = xreallocarray(p->args, n, sizeof(p->args[0]));
		memset(p->args + p->nargs, 0, (n - p->nargs) * sizeof(p->args[0]));
		p->nargs = n;
	}
	for (k = 0; k < n; k++) {
		struct shape *sh = &p->args[k].s[model];

		if (!args[k].size)
			continue; /* malformed: says nothing */
		sh->known = 1;
		sh->sizes |= 1u << args[k].size;
		sh->sign |= args[k].isfloat ? 3 : args[k].issigned ? 1 : 2;
		sh->isfloat |= args[k].isfloat ? 2 : 1;
	}
	if (s->semaphore || s->semsymbol || s->notesem)
		p->sem = 1;
	else if (p->sem < 0)
		p->sem = 0;
}

/* whether path is a built file (ELF or archive) rather than a provider file */
static int
isbuilt(const char *path)
{
	char b[8] = {0};
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	ssize_t n;

	if (fd < 0)
		return 0; /* the provider file's reader says why */
	n = read(fd, b, sizeof(b));
	close(fd);
	return n >= 4 && (memcmp(b, "\177ELF", 4) == 0 ||
	                  (n == 8 && (memcmp(b, "!<arch>\n", 8) == 0 || memcmp(b, "!<thin>\n", 8) == 0)));
}

/* one side: a provider file, or built files together; 0, or -1 after a diagnostic */
static int
readside(const char **paths, size_t n, const struct loadopts *lo, struct iface *f)
{
	size_t i;
	int rc = 0;

	if (n == 1 && !isbuilt(paths[0]))
		return fromd(paths[0], lo, f);
	for (i = 0; i < n; i++) {
		if (!isbuilt(paths[i])) {
			if (access(paths[i], R_OK) < 0)
				warn("cannot read '%s':", paths[i]);
			else
				warn("'%s' is not a built file: a provider file is a side of its own", paths[i]);
			return -1;
		}
		if (eachsite(paths[i], addsite, f) < 0)
			rc = -1;
	}
	return rc;
}

static void
addchange(struct changes *cs, const struct iprobe *p, int breaking, const char *kind, size_t arg,
          char *msg)
{
	struct change *c;

	cs->c = xgrowarray(cs->c, cs->n, sizeof(cs->c[0]));
	c = &cs->c[cs->n];
	c->key = p->key;
	c->breaking = breaking;
	c->kind = kind;
	c->arg = arg;
	c->msg = msg;
	c->order = cs->n++;
}

/* "4-byte signed", "4- or 8-byte unsigned", "8-byte floating-point" */
static void
describe(struct buf *b, const struct shape *s)
{
	sizewords(b, s->sizes);
	if (s->isfloat == 2)
		bufputs(b, " floating-point");
	else if (s->sign == 1)
		bufputs(b, " signed");
	else if (s->sign == 2)
		bufputs(b, " unsigned");
	else
		bufputs(b, " integer");
}

static const char *const modelnames[] = {"ILP32", "LP64"};

/* the argument's shape changes between a and b under the models both cover: 1 and *msg, else 0 */
static int
shapechange(const struct iarg *a, const struct iarg *b, int models, const char **kind, struct buf *msg)
{
	int mod;

	for (mod = 1; mod >= 0; mod--) {
		const struct shape *x = &a->s[mod], *y = &b->s[mod];

		if (!(models & (1 << mod)) || !x->known || !y->known)
			continue;
		if (!(x->sizes & y->sizes))
			*kind = "size";
		else if ((x->isfloat & y->isfloat) == 0)
			*kind = "float";
		else if ((x->sign & y->sign) == 0)
			*kind = "sign";
		else
			continue;
		describe(msg, y);
		bufputs(msg, ", was ");
		describe(msg, x);
		bufprintf(msg, " under %s", modelnames[mod]);
		return 1;
	}
	return 0;
}

static void
compare(const struct iface *a, const struct iface *b, struct changes *cs)
{
	int models = a->models & b->models;
	size_t i, k;

	for (i = 0; i < a->n; i++) {
		const struct iprobe *p = &a->p[i];
		const struct iprobe *q = findprobe(b, p->provider, p->name);

		if (!q) {
			addchange(cs, p, 1, "removed", 0, xasprintf("probe '%s' removed", p->key));
			continue;
		}
		if (p->nargs != q->nargs) {
			addchange(cs, q, 1, "arguments", 0,
			          xasprintf("probe '%s' has %zu argument%s, was %zu", q->key, q->nargs,
			                    q->nargs == 1 ? "" : "s", p->nargs));
			continue;
		}
		for (k = 0; k < p->nargs; k++) {
			const struct iarg *x = &p->args[k], *y = &q->args[k];
			struct buf m = {0};
			const char *kind = NULL;
			int shaped = shapechange(x, y, models, &kind, &m);

			if (x->type && y->type && strcmp(x->type, y->type) != 0) {
				char *msg = xasprintf("probe '%s' argument %zu is '%s', was '%s' (%s)", q->key, k + 1,
				                      y->type, x->type, shaped ? m.s : "the same shape");
				addchange(cs, q, shaped, shaped ? kind : "type", k + 1, msg);
			} else if (shaped) {
				addchange(cs, q, 1, kind, k + 1,
				          xasprintf("probe '%s' argument %zu is %s", q->key, k + 1, m.s));
			}
			buffree(&m);
			if (a->fromd && b->fromd && (x->name || y->name) &&
			    (!x->name || !y->name || strcmp(x->name, y->name) != 0)) {
				addchange(cs, q, 0, "name", k + 1,
				          xasprintf("probe '%s' argument %zu is named '%s', was '%s'", q->key, k + 1,
				                    y->name ? y->name : "", x->name ? x->name : ""));
			}
		}
		if (p->sem >= 0 && q->sem >= 0 && p->sem != q->sem)
			addchange(cs, q, !q->sem, q->sem ? "semaphore-added" : "semaphore-dropped", 0,
			          xasprintf("probe '%s' semaphore %s", q->key, q->sem ? "added" : "dropped"));
	}
	for (i = 0; i < b->n; i++) {
		if (!findprobe(a, b->p[i].provider, b->p[i].name))
			addchange(cs, &b->p[i], 0, "added", 0, xasprintf("probe '%s' added", b->p[i].key));
	}
}

static int
changecmp(const void *x, const void *y)
{
	const struct change *a = x, *b = y;
	int c = strcmp(a->key, b->key);

	if (c)
		return c;
	if (a->arg != b->arg)
		return a->arg < b->arg ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* a JSON string (the messages and names are ASCII text from the inputs) */
static void
jstring(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

int
cmd_diff(int argc, char **argv)
{
	struct loadopts lo = {0};
	struct iface old = {0}, new = {0};
	struct changes cs = {0};
	const char **paths = xcalloc((size_t)argc, sizeof(*paths)), *opt = NULL, *v;
	size_t n = 0, split = 0, i;
	int json = 0, rc = EXIT_BAD, missing = 0, k, taken, breaks = 0;

	for (k = 1; k < argc; k++) {
		const char *a = argv[k];

		if (a[0] == '-' && strcmp(a, "-") != 0 && strcmp(a, "--") != 0 &&
		    (taken = loadoption(&lo, argc, argv, &k, &opt)) != 0) {
			if (taken < 0) {
				usagefail("option '%s' needs a value", opt);
				goto out;
			}
		} else if (strcmp(a, "--") == 0) {
			if (split) {
				usagefail("'--' given twice%s", "");
				goto out;
			}
			split = n + 1; /* one past the last path of OLD */
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(diff_usage, stdout);
			rc = 0;
			goto out;
		} else if ((v = optvalue(argc, argv, &k, "--format", &missing))) {
			if (strcmp(v, "json") == 0)
				json = 1;
			else if (strcmp(v, "text") != 0) {
				usagefail("unknown --format '%s' (text or json)", v);
				goto out;
			}
		} else if (a[0] == '-' && strcmp(a, "-") != 0) {
			usagefail(missing ? "option '%s' needs a value" : "unknown option '%s'", a);
			goto out;
		} else {
			paths[n++] = a;
		}
	}
	if (split && (split == 1 || split > n)) {
		usagefail("each side of '--' needs a file%s", "");
		goto out;
	}
	if (!split && n != 2) {
		usagefail(n < 2 ? "two sides to compare are needed%s" :
		          "more than two files: put '--' between the old side and the new%s", "");
		goto out;
	}
	if (!split)
		split = 2;
	if (readside(paths, split - 1, &lo, &old) < 0 || readside(paths + split - 1, n - split + 1, &lo, &new) < 0)
		goto out;
	compare(&old, &new, &cs);
	if (cs.n > 1) /* qsort takes no null base, even for nothing */
		qsort(cs.c, cs.n, sizeof(cs.c[0]), changecmp);
	if (json)
		fputs(cs.n ? "[\n" : "[]\n", stdout);
	for (i = 0; i < cs.n; i++) {
		const struct change *c = &cs.c[i];

		breaks |= c->breaking;
		if (!json) {
			printf("%s: %s\n", c->breaking ? "breaking" : "compatible", c->msg);
			continue;
		}
		printf("{\"probe\":");
		jstring(c->key);
		printf(",\"change\":\"%s\",\"breaking\":%s,\"argument\":", c->kind,
		       c->breaking ? "true" : "false");
		if (c->arg)
			printf("%zu", c->arg);
		else
			fputs("null", stdout);
		fputs(",\"message\":", stdout);
		jstring(c->msg);
		printf("}%s\n", i + 1 < cs.n ? "," : "");
	}
	if (json && cs.n)
		fputs("]\n", stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("cannot write the report:");
		goto out;
	}
	rc = breaks ? EXIT_BREAKS : 0;
out:
	for (i = 0; i < cs.n; i++)
		free(cs.c[i].msg);
	free(cs.c);
	ifacefree(&old);
	ifacefree(&new);
	loadfree(&lo);
	free(paths);
	return rc;
}
