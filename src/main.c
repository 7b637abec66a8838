/* SPDX-License-Identifier: MIT */
/* main.c: the command line: a table of subcommands over the parser and emitters */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bpftrace.h"
#include "check.h"
#include "diff.h"
#include "doc.h"
#include "header.h"
#include "list.h"
#include "load.h"
#include "object.h"
#include "parse.h"
#include "sites.h"
#include "tapset.h"
#include "target.h"
#include "util.h"

#ifndef SDTKIT_VERSION
#define SDTKIT_VERSION "1.0.0"
#endif

/* exit statuses */
enum { EXIT_BADINPUT = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
	"usage: sdtkit header [-o OUT.h] [--disabled] [--macro-prefix=PFX] [--floats=native|bits]\n"
	"                     [--sites=sdt|fast]\n"
	"                     [--semaphores=hidden|default|none] [-C [-I DIR] [-D NAME[=VAL]] [-U NAME]]\n"
	"                     [--depfile=FILE] PROVIDER.d\n"
	"       sdtkit object [-o OUT.o] [--libtool] [--target=ARCH] [--like=REF.o]\n"
	"                     [--semaphores=hidden|default|none] [-C ...] [--depfile=FILE]\n"
	"                     PROVIDER.d [OBJ...]\n"
	"       sdtkit list   [--format=table|notes|json] [-P PROVIDER] [-p PID]\n"
	"                     [--provider-file=P.d [-C ...]] [FILE...]\n"
	"       sdtkit check  [-C ...] PROVIDER.d FILE...\n"
	"       sdtkit diff   [--format=text|json] [-C ...] OLD NEW   (or OLD... -- NEW...)\n"
	"       sdtkit bpftrace|tapset [-o OUT] [--as PATH] [-C ...] PROVIDER.d --binary FILE\n"
	"       sdtkit doc    [--format=markdown|man] [-o OUT] [-C ...] PROVIDER.d\n"
	"       sdtkit dtrace [-C] [-I DIR] [-D NAME] [-U NAME] -h|-G -s PROVIDER.d [-o OUT] [OBJ...]\n"
	"       sdtkit --help | --version\n";

static _Noreturn void
usage(const char *fmt, const char *arg)
{
	if (fmt)
		exit(usageerror(usage_text, fmt, arg));
	fputs(usage_text, stderr);
	exit(EXIT_USAGE);
}

/* what every generating command shares */
struct job {
	const char *input;
	const char *output;
	struct loadopts load; /* -C -I -D -U, and the dtrace personality's leniency */
	enum semvis sem;
	/* header */
	int disabled;
	const char *prefix;
	int floatbits; /* --floats=bits */
	int fastsites; /* --sites=fast */
	/* object */
	int libtool;
	const char *targetname;
	const char *like;
	const char **objs;
	size_t nobjs;
	int bits; /* dtrace -32 / -64 */
	int dtrace; /* the dtrace personality: objects that do not exist are passed over */
	const char *depfile; /* --depfile: where the make rule of what was read goes */
};

static int
load(struct job *j, struct model *m)
{
	return loadmodel(j->input, &j->load, m, printdiag, NULL);
}

/* refuse to write over the input */
static int
checkoutput(const struct job *j, const char *out)
{
	struct stat a, b;

	if (strcmp(out, "-") != 0 && stat(j->input, &a) == 0 && stat(out, &b) == 0 &&
	    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		warn("output '%s' is the input file", out);
		return -1;
	}
	return 0;
}

/* "dir/name.d" -> "name" + suffix, in the current directory (as dtrace does) */
static char *
defaultname(const char *input, const char *suffix)
{
	const char *base = basename_of(input);
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);

	return xasprintf("%.*s%s", (int)n, base, suffix);
}

/* a macro name a probe defines, for prefixclash() */
struct macro {
	char *name;
	size_t order; /* the probe's place in the file */
	const struct provider *pv;
	const struct probe *p;
};

static int
macrocmp(const void *x, const void *y)
{
	const struct macro *a = x, *b = y;
	int c = strcmp(a->name, b->name);

	return c ? c : (a->order > b->order) - (a->order < b->order);
}

/*
 * With a prefix, probes of different providers can meet on a macro name
 * (the parser has already checked the names without one): report the first
 * probe, in declaration order, whose PROBE or PROBE_ENABLED macro an earlier
 * probe also defines.
 */
static int
prefixclash(const struct model *m, const char *prefix)
{
	struct macro *v = NULL, *hit = NULL;
	size_t a, b, n = 0, order = 0;

	for (a = 0; a < m->nproviders; a++)
		n += m->providers[a].nprobes;
	v = xreallocarray(NULL, 2 * n, sizeof(*v));
	n = 0;
	for (a = 0; a < m->nproviders; a++) {
		for (b = 0; b < m->providers[a].nprobes; b++, order++) {
			const struct probe *p = &m->providers[a].probes[b];
			char *stem = macroname(prefix, "", p->name);

			v[n] = (struct macro){stem, order, &m->providers[a], p};
			v[n + 1] = (struct macro){xasprintf("%s_ENABLED", stem), order, &m->providers[a], p};
			n += 2;
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), macrocmp);
	/* in a run of one name, the second entry is the probe that clashes first */
	for (a = 1; a < n; a++) {
		if (strcmp(v[a].name, v[a - 1].name) == 0 && (a < 2 || strcmp(v[a].name, v[a - 2].name) != 0) &&
		    (!hit || v[a].order < hit->order))
			hit = &v[a];
	}
	if (hit)
		fprintf(stderr, "%s:%u:%u: error: probe '%s:%s' and probe '%s:%s' both define "
		        "macro '%s' with prefix '%s'\n", hit->p->pos.file, hit->p->pos.line, hit->p->pos.col,
		        hit->pv->name, hit->p->name, hit[-1].pv->name, hit[-1].p->name, hit->name, prefix);
	for (a = 0; a < n; a++)
		free(v[a].name);
	free(v);
	return hit ? -1 : 0;
}

static int
sinkfile(void *arg, const char *s, size_t len)
{
	return outwrite(arg, s, len);
}

static int
sinkstdout(void *arg, const char *s, size_t len)
{
	(void)arg;
	if (fwrite(s, 1, len, stdout) != len) {
		warn("cannot write the header:");
		return -1;
	}
	return 0;
}

/* a file name in a make rule: blanks, '#' and '$' escaped as make and ninja read them */
static void
makename(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '#')
			bufputc(b, '\\');
		else if (*s == '$')
			bufputc(b, '$');
		bufputc(b, *s);
	}
}

/*
 * --depfile: a make rule with target as its target and, as prerequisites,
 * every file the provider file was read from: under -C, each file the
 * preprocessor read (its line markers name them; not <built-in> and the
 * like), by absolute path, in the order read; then an empty rule for each
 * (as gcc -MP writes), so that a header removed later does not stop make
 */
static int
writedepfile(const struct job *j, const struct model *m, const char *target)
{
	struct buf b = {0};
	char **deps = xcalloc(m->nfiles ? m->nfiles : 1, sizeof(*deps));
	size_t i, k, n = 0;
	int rc;

	for (i = 0; i < m->nfiles; i++) {
		char *real;

		if (m->files[i][0] == '<' || m->files[i][0] == '\0')
			continue;
		if (!(real = realpath(m->files[i], NULL)))
			real = xstrdup(m->files[i]);
		for (k = 0; k < n && strcmp(deps[k], real) != 0; k++)
			;
		if (k < n)
			free(real);
		else
			deps[n++] = real;
	}
	makename(&b, target);
	bufputc(&b, ':');
	for (i = 0; i < n; i++) {
		bufputs(&b, " \\\n ");
		makename(&b, deps[i]);
	}
	bufputc(&b, '\n');
	for (i = 0; i < n; i++) {
		bufputc(&b, '\n');
		makename(&b, deps[i]);
		bufputs(&b, ":\n");
		free(deps[i]);
	}
	free(deps);
	rc = writeout(j->depfile, b.s, b.len);
	buffree(&b);
	return rc;
}

static int
doheader(struct job *j)
{
	struct headeropts o = {j->disabled, j->prefix, j->sem, j->input, j->floatbits, j->fastsites};
	struct model m;
	struct outfile f;
	struct buf out = {0};
	int rc = EXIT_BADINPUT, tofile = j->output && strcmp(j->output, "-") != 0;

	if (j->output && checkoutput(j, j->output) < 0)
		return EXIT_BADINPUT;
	if (load(j, &m) < 0)
		return EXIT_BADINPUT;
	if (j->prefix && prefixclash(&m, j->prefix) < 0)
		goto out;
	/* streamed: a big header is written as it is made, in pieces of 64 KiB */
	if (tofile) {
		if (outopen(&f, j->output) < 0)
			goto out;
		out.sink = sinkfile, out.sinkarg = &f;
	} else {
		out.sink = sinkstdout;
	}
	header(&m, &o, &out);
	bufflush(&out);
	if (!tofile && !out.sinkerr && fflush(stdout) != 0) {
		warn("cannot write the header:");
		out.sinkerr = 1;
	}
	if (tofile && (out.sinkerr || outcommit(&f) < 0)) {
		outabort(&f);
		goto out;
	}
	if (!out.sinkerr)
		rc = j->depfile && writedepfile(j, &m, j->output) < 0 ? EXIT_BADINPUT : 0;
out:
	buffree(&out);
	modelfree(&m);
	return rc;
}

static int
resolvetarget(struct job *j, struct target *t)
{
	const char *from = NULL;
	char err[512];
	size_t i;
	int have = 0;

	if (j->targetname) {
		if (targetbyname(j->targetname, t) < 0) {
			warn("unknown target '%s' (known: %s)", j->targetname, targetnames());
			return -1;
		}
		from = j->targetname;
		have = 1;
	}
	for (i = 0; i < j->nobjs + (j->like != NULL); i++) {
		const char *path = i < j->nobjs ? j->objs[i] : j->like;
		struct target u;
		int rc = targetfromfile(path, &u, err, sizeof(err));

		if (rc > 0)
			warnx("%s", err); /* bitcode of an unreadable triple: the host's */
		if (rc < 0) {
			/*
			 * PHP's rules name .libs objects, which a static-only build
			 * never makes (asked only now: most objects exist)
			 */
			if (j->dtrace && i < j->nobjs && access(path, F_OK) < 0 && errno == ENOENT) {
				warnx("object '%s' does not exist: passed over", path);
				continue;
			}
			warn("%s", err);
			return -1;
		}
		if (have && !targetsame(t, &u)) {
			if (from == j->targetname)
				warn("'%s' is for %s, not for --target=%s", path, u.name, from);
			else
				warn("'%s' is for %s, but '%s' is for %s", path, u.name, from, t->name);
			return -1;
		}
		if (!have) {
			*t = u;
			from = path;
			have = 1;
		}
	}
	if (!have) {
		targethost(t);
		if (j->bits == 32 && strcmp(t->name, "x86_64") == 0)
			targetbyname("i386", t);
		else if (j->bits == 64 && strcmp(t->name, "i386") == 0)
			targetbyname("x86_64", t);
	}
	return 0;
}

static int
writeobject(const char *path, const struct model *m, const struct target *t, enum semvis sem,
            const char *srcname)
{
	struct outfile o;
	char err[512] = "";

	if (outopen(&o, path) < 0)
		return -1;
	if (!o.tmp) {
		/* libelf needs a seekable file: build it aside, then copy to the device */
		FILE *f = tmpfile();
		char chunk[8192];
		size_t n;
		int bad = !f || objectwrite(fileno(f), m, t, sem, srcname, err, sizeof(err)) < 0;

		if (!f)
			snprintf(err, sizeof(err), "cannot create a temporary file: %s", strerror(errno));
		if (!bad && fseek(f, 0, SEEK_SET) == 0) {
			while (!bad && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
				bad = outwrite(&o, chunk, n) < 0;
		}
		if (f)
			fclose(f);
		if (bad) {
			if (*err)
				warn("'%s': %s", path, err);
			outabort(&o);
			return -1;
		}
	} else if (objectwrite(o.fd, m, t, sem, srcname, err, sizeof(err)) < 0) {
		warn("'%s': %s", path, err);
		outabort(&o);
		return -1;
	}
	if (outcommit(&o) < 0) {
		outabort(&o);
		return -1;
	}
	return 0;
}

static const char libtool_text[] =
	"# %s - a libtool object file\n"
	"# Generated by sdtkit " SDTKIT_VERSION " for GNU libtool\n"
	"#\n"
	"# Please DO NOT delete this file!\n"
	"# It is necessary for linking the library.\n"
	"\n"
	"# Name of the PIC object.\n"
	"pic_object='.libs/%s.o'\n"
	"\n"
	"# Name of the non-PIC object\n"
	"non_pic_object='%s.o'\n";

static int
doobject(struct job *j)
{
	struct model m;
	struct target t;
	char *out = NULL, *pic = NULL, *nonpic = NULL, *libs = NULL, *lo = NULL, *stem = NULL;
	const char *srcname = basename_of(j->input);
	int rc = EXIT_BADINPUT;

	out = j->output ? xstrdup(j->output) : defaultname(j->input, j->libtool ? ".lo" : ".o");
	if (checkoutput(j, out) < 0) {
		free(out);
		return EXIT_BADINPUT;
	}
	if (resolvetarget(j, &t) < 0) {
		free(out);
		return EXIT_BADINPUT;
	}
	if (load(j, &m) < 0) {
		free(out);
		return EXIT_BADINPUT;
	}
	if (!j->libtool) {
		if (writeobject(out, &m, &t, j->sem, srcname) == 0)
			rc = j->depfile && writedepfile(j, &m, out) < 0 ? EXIT_BADINPUT : 0;
		goto done;
	}
	{
		const char *base = basename_of(out);
		size_t dirlen = (size_t)(base - out);
		size_t n = strlen(base);

		if (n > 3 && strcmp(base + n - 3, ".lo") == 0)
			n -= 3;
		stem = xstrndup(base, n);
		libs = xasprintf("%.*s.libs", (int)dirlen, out);
		pic = xasprintf("%s/%s.o", libs, stem);
		nonpic = xasprintf("%.*s%s.o", (int)dirlen, out, stem);
		lo = xasprintf(libtool_text, base, stem, stem);
	}
	if (mkdir(libs, 0777) < 0 && errno != EEXIST) {
		warn("cannot create '%s':", libs);
		goto done;
	}
	if (writeobject(pic, &m, &t, j->sem, srcname) < 0 ||
	    writeobject(nonpic, &m, &t, j->sem, srcname) < 0 ||
	    writeout(out, lo, strlen(lo)) < 0 || (j->depfile && writedepfile(j, &m, out) < 0))
		goto done;
	rc = 0;
done:
	modelfree(&m);
	free(out);
	free(pic);
	free(nonpic);
	free(libs);
	free(lo);
	free(stem);
	return rc;
}

static int
semvis(const char *s, enum semvis *v)
{
	if (strcmp(s, "hidden") == 0)
		*v = SEM_HIDDEN;
	else if (strcmp(s, "default") == 0)
		*v = SEM_DEFAULT;
	else if (strcmp(s, "none") == 0)
		*v = SEM_NONE;
	else
		return -1;
	return 0;
}

/* optvalue(), with a missing value a usage error */
static const char *
optval(int argc, char **argv, int *i, const char *name)
{
	int missing = 0;
	const char *v = optvalue(argc, argv, i, name, &missing);

	if (missing)
		usage("option '%s' needs a value", name);
	return v;
}

/* -C -I -D -U, shared by every command that reads a provider file; 1 if taken */
static int
cppoption(struct job *j, int argc, char **argv, int *i)
{
	const char *opt = NULL;
	int rc = loadoption(&j->load, argc, argv, i, &opt);

	if (rc < 0)
		usage("option '%s' needs a value", opt);
	return rc;
}

static int
cmd_generate(int argc, char **argv, int object)
{
	struct job j = {0};
	const char *v;
	int i, rc, rest = 0;

	j.sem = SEM_HIDDEN;
	j.objs = xcalloc((size_t)argc, sizeof(*j.objs));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (rest || a[0] != '-' || strcmp(a, "-") == 0) {
			if (!j.input)
				j.input = a;
			else if (object)
				j.objs[j.nobjs++] = a;
			else
				usage("unexpected argument '%s'", a);
		} else if (strcmp(a, "--") == 0) {
			rest = 1;
		} else if (cppoption(&j, argc, argv, &i)) {
		} else if ((v = optval(argc, argv, &i, "-o"))) {
			j.output = v;
		} else if ((v = optval(argc, argv, &i, "--semaphores"))) {
			if (semvis(v, &j.sem) < 0)
				usage("unknown --semaphores value '%s'", v);
		} else if ((v = optval(argc, argv, &i, "--depfile"))) {
			j.depfile = v;
		} else if (!object && strcmp(a, "--disabled") == 0) {
			j.disabled = 1;
		} else if (!object && (v = optval(argc, argv, &i, "--macro-prefix"))) {
			j.prefix = v;
		} else if (!object && (v = optval(argc, argv, &i, "--floats"))) {
			if (strcmp(v, "bits") == 0)
				j.floatbits = 1;
			else if (strcmp(v, "native") != 0)
				usage("unknown --floats value '%s'", v);
		} else if (!object && (v = optval(argc, argv, &i, "--sites"))) {
			if (strcmp(v, "fast") == 0)
				j.fastsites = 1;
			else if (strcmp(v, "sdt") != 0)
				usage("unknown --sites value '%s'", v);
		} else if (object && strcmp(a, "--libtool") == 0) {
			j.libtool = 1;
		} else if (object && (v = optval(argc, argv, &i, "--target"))) {
			j.targetname = v;
		} else if (object && (v = optval(argc, argv, &i, "--like"))) {
			j.like = v;
		} else {
			usage("unknown option '%s'", a);
		}
	}
	if (!j.input)
		usage("no provider file given%s", "");
	if (j.depfile && !object && (!j.output || strcmp(j.output, "-") == 0))
		usage("--depfile names the rule of the header's file: give -o%s", "");
	rc = object ? doobject(&j) : doheader(&j);
	loadfree(&j.load);
	free(j.objs);
	return rc;
}

static int
cmd_header(int argc, char **argv)
{
	return cmd_generate(argc, argv, 0);
}

static int
cmd_object(int argc, char **argv)
{
	return cmd_generate(argc, argv, 1);
}

static const char dtrace_usage[] =
	"usage: dtrace [-C] [-I DIR] [-D NAME[=VAL]] [-U NAME] -h|-G -s FILE.d [-o OUT] [OBJ...]\n"
	"  -h  write the probe header (default name: FILE.h)\n"
	"  -G  write the semaphore object (default name: FILE.o)\n"
	"  accepted and ignored: -k, -x OPT, -xOPT, -32, -64 (sets the class when no\n"
	"  object is given), -fpic, -fPIC, --types\n";

/*
 * The dtrace(1) personality: the arguments SystemTap's dtrace and
 * illumos dtrace take in build files, mapped onto header and object.
 */
static int
cmd_dtrace(int argc, char **argv)
{
	static const char *const ignored[] = {"-k", "-fpic", "-fPIC", "--types", "-q", "-v"};
	struct job j = {0};
	const char *v;
	int i, mode = 0, rc;
	size_t k;

	j.sem = SEM_HIDDEN;
	j.objs = xcalloc((size_t)argc, sizeof(*j.objs));
	/* what configure scripts send: D programs, files without providers, missing objects */
	j.dtrace = 1;
	j.load.flags = PARSE_PROGRAMS;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		for (k = 0; k < LEN(ignored) && strcmp(a, ignored[k]) != 0; k++)
			;
		if (k < LEN(ignored))
			continue;
		if (a[0] != '-') {
			j.objs[j.nobjs++] = a;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "-G") == 0) {
			if (mode && mode != a[1])
				usage("options '-h' and '-G' exclude each other%s", "");
			mode = a[1];
		} else if (strcmp(a, "--help") == 0) {
			fputs(dtrace_usage, stdout);
			free(j.objs);
			return 0;
		} else if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("dtrace: sdtkit %s\n", SDTKIT_VERSION);
			free(j.objs);
			return 0;
		} else if (strcmp(a, "-32") == 0 || strcmp(a, "-64") == 0) {
			j.bits = a[1] == '3' ? 32 : 64;
		} else if (cppoption(&j, argc, argv, &i)) {
		} else if ((v = optval(argc, argv, &i, "-s"))) {
			if (j.input)
				usage("only one '-s' file is supported%s", "");
			j.input = v;
		} else if ((v = optval(argc, argv, &i, "-o"))) {
			j.output = v;
		} else if (optval(argc, argv, &i, "-x")) {
			/* -x nolibs and friends: compiler-side options of illumos dtrace */
		} else {
			fprintf(stderr, "%s: error: unknown dtrace option '%s'\n", argv0, a);
			fputs(dtrace_usage, stderr);
			free(j.objs);
			return EXIT_USAGE;
		}
	}
	if (!mode || !j.input) {
		fprintf(stderr, "%s: error: %s\n", argv0, !mode ? "one of '-h' or '-G' is required" :
		        "no provider file given with '-s'");
		fputs(dtrace_usage, stderr);
		free(j.objs);
		return EXIT_USAGE;
	}
	if (mode == 'h') {
		char *def = NULL;

		j.nobjs = 0; /* objects after -h tell nothing */
		if (!j.output)
			j.output = def = defaultname(j.input, ".h");
		rc = doheader(&j);
		free(def);
	} else {
		rc = doobject(&j);
	}
	loadfree(&j.load);
	free(j.objs);
	return rc;
}

/* the output of a generator that is not streamed: to -o's file (or standard output) */
static int
emit(const char *output, const struct buf *b)
{
	if (output && strcmp(output, "-") != 0)
		return writeout(output, b->s ? b->s : "", b->len) < 0 ? EXIT_BADINPUT : 0;
	if (fwrite(b->s ? b->s : "", 1, b->len, stdout) != b->len || fflush(stdout) != 0) {
		warn("cannot write the output:");
		return EXIT_BADINPUT;
	}
	return 0;
}

/*
 * What the commands that read one provider file and write one output share:
 * the file (one), '--', the preprocessor's options and -o; whether
 * argv[*i] was one of them
 */
static int
oneinput(struct job *j, int argc, char **argv, int *i, int *rest)
{
	const char *a = argv[*i], *v;

	if (*rest || a[0] != '-' || strcmp(a, "-") == 0) {
		if (j->input)
			usage("unexpected argument '%s'", a);
		j->input = a;
	} else if (strcmp(a, "--") == 0) {
		*rest = 1;
	} else if (cppoption(j, argc, argv, i)) {
	} else if ((v = optval(argc, argv, i, "-o"))) {
		j->output = v;
	} else {
		return 0;
	}
	return 1;
}

/*
 * sdtkit bpftrace|tapset [-o OUT] [--as PATH] [-C ...] PROVIDER.d --binary FILE...:
 * the tracer-side file for the probes the FILEs carry (--binary may be
 * repeated), naming the Nth binary as the Nth --as says (where it is
 * installed; FILE itself by default)
 */
static int
cmd_tracer(int argc, char **argv, int stap)
{
	struct job j = {0};
	struct model m;
	struct buf out = {0};
	struct tracerfile f = {0};
	struct tracerbinary *bins = xcalloc((size_t)argc, sizeof(*bins));
	const char **files = xcalloc((size_t)argc, sizeof(*files));
	char **real = xcalloc((size_t)argc, sizeof(*real));
	const char *v;
	char *name = NULL;
	size_t n = 0, nas = 0, k;
	int i, rc = EXIT_BADINPUT, rest = 0, bad = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (oneinput(&j, argc, argv, &i, &rest)) {
		} else if ((v = optval(argc, argv, &i, "--binary"))) {
			files[n++] = v;
		} else if ((v = optval(argc, argv, &i, "--as"))) {
			bins[nas++].path = v;
		} else {
			usage("unknown option '%s'", a);
		}
	}
	if (!j.input)
		usage("no provider file given%s", "");
	if (n == 0)
		usage("no --binary given: the file whose probes the %s reads", stap ? "tapset" : "script");
	if (nas > n)
		usage("more --as than --binary: the Nth --as names the Nth --binary%s", "");
	if (j.output && checkoutput(&j, j.output) < 0)
		goto out;
	if (load(&j, &m) < 0)
		goto out;
	for (k = 0; k < n; k++) {
		if (placedread(files[k], &m, &bins[k].ps) < 0)
			bad = 1;
		/* tracers look a binary up by its path: an absolute one, as they would not search PATH */
		if (!bins[k].path && !(bins[k].path = real[k] = realpath(files[k], NULL)))
			bins[k].path = real[k] = xstrdup(files[k]);
	}
	if (bad) {
		modelfree(&m);
		goto out;
	}
	name = j.output && strcmp(j.output, "-") != 0 ? xstrdup(basename_of(j.output)) :
	       defaultname(j.input, stap ? ".stp" : ".bt");
	f = (struct tracerfile){bins, n, j.input, name};
	if ((stap ? tapset(&m, &f, &out) : bpftracescript(&m, &f, &out)) < 0)
		warn(n == 1 ? "'%s' carries none of the probes of '%s'" :
		     "%sthe binaries given carry none of the probes of '%s'", n == 1 ? files[0] : "",
		     j.input);
	else
		rc = emit(j.output, &out);
	modelfree(&m);
out:
	for (k = 0; k < n; k++) {
		placedfree(&bins[k].ps);
		free(real[k]);
	}
	free(bins);
	free(files);
	free(real);
	buffree(&out);
	free(name);
	loadfree(&j.load);
	return rc;
}

static int
cmd_bpftrace(int argc, char **argv)
{
	return cmd_tracer(argc, argv, 0);
}

static int
cmd_tapset(int argc, char **argv)
{
	return cmd_tracer(argc, argv, 1);
}

/* sdtkit doc [--format=markdown|man] [-o OUT] [-C ...] PROVIDER.d */
static int
cmd_doc(int argc, char **argv)
{
	struct job j = {0};
	struct model m;
	struct buf out = {0};
	const char *v;
	int i, rc = EXIT_BADINPUT, rest = 0, asman = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (oneinput(&j, argc, argv, &i, &rest)) {
		} else if ((v = optval(argc, argv, &i, "--format"))) {
			if (strcmp(v, "man") == 0)
				asman = 1;
			else if (strcmp(v, "markdown") != 0)
				usage("unknown --format '%s' (markdown or man)", v);
		} else {
			usage("unknown option '%s'", a);
		}
	}
	if (!j.input)
		usage("no provider file given%s", "");
	if (j.output && checkoutput(&j, j.output) < 0)
		goto out;
	if (load(&j, &m) < 0)
		goto out;
	probedoc(&m, j.input, asman, &out);
	modelfree(&m);
	rc = emit(j.output, &out);
out:
	buffree(&out);
	loadfree(&j.load);
	return rc;
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
} cmds[] = {
	{"header", cmd_header},
	{"object", cmd_object},
	{"dtrace", cmd_dtrace},
	{"list", cmd_list},
	{"check", cmd_check},
	{"diff", cmd_diff},
	{"bpftrace", cmd_bpftrace},
	{"tapset", cmd_tapset},
	{"doc", cmd_doc},
};

static void
onsignal(int sig)
{
	outcleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

int
main(int argc, char **argv)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
	size_t i;

	for (i = 0; i < LEN(sigs); i++)
		signal(sigs[i], onsignal);
	/* past a file-size limit, write() fails with EFBIG and is reported */
	signal(SIGXFSZ, SIG_IGN);
	if (argc > 0 && strcmp(basename_of(argv[0]), "dtrace") == 0) {
		argv0 = "dtrace";
		return cmd_dtrace(argc, argv);
	}
	if (argc < 2)
		usage(NULL, NULL);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("sdtkit %s\n", SDTKIT_VERSION);
		return 0;
	}
	for (i = 0; i < LEN(cmds); i++) {
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	}
	usage("unknown command '%s'", argv[1]);
}
