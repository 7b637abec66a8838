/* SPDX-License-Identifier: MIT */
/* list.c: the 'list' command: the probe sites of ELF files, archives and processes */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argspec.h"
#include "elfnotes.h"
#include "doc.h"
#include "list.h"
#include "readers.h"
#include "load.h"
#include "util.h"
#include "verify.h"

/*
 * Output formats:
 *
 * table (default), the layout of `dtrace -l`:
 *
 *      ID   PROVIDER            MODULE                          FUNCTION NAME
 *       1        lst              list                              work function-entry
 *
 *   probe names shown the DTrace way ("function__entry" -> "function-entry"),
 *   the module is the file's basename ("libfoo.a(foo.o)" for archive
 *   members), the function "-" when no symbol contains the site, and with
 *   -p the provider carries the pid ("python18035").
 *
 * notes: what `readelf -n` prints for each stapsdt note, with "File:"
 *   headers when more than one file is listed.
 *
 * json: an array of objects, one per site, one per line, in file order.
 *   The schema (documented for users in doc/list-json.md; stable: fields
 *   are only ever added):
 *
 *   file               string   the file read (the archive for its members,
 *                               the mapped file for a process)
 *   module             string   display name: basename, "lib.a(member.o)"
 *   pid                number   the process (-p), else null
 *   machine            string   "x86_64", "aarch64", ... or "EM_<n>"
 *   provider, name     string   as in the note ("function__entry")
 *   pc                 string   hex address of the site: the note's pc adjusted
 *                               by .stapsdt.base (prelink) and, with -p, the
 *                               load bias (a run-time address); in a .o, the
 *                               offset in pc_section (relocation applied)
 *   base               string   hex, the note's base field
 *   semaphore          string   hex, adjusted like pc, "0x0" when none
 *   note_pc            string   hex, the note's pc field as readelf shows it
 *   note_semaphore     string   hex, the same for the semaphore
 *   pc_section         string   the section holding pc, or null
 *   function           string   the function symbol holding pc (.symtab, else
 *                               .dynsym), or null
 *   semaphore_section  string   the section holding the semaphore, or null
 *   semaphore_symbol   string   the symbol there (in a .o: the relocation's), or null
 *   arguments          string   the note's argument string, verbatim
 *   args               array    one object per argument:
 *     spec             string   "-4@8(%rbp)"
 *     size             number   1, 2, 4 or 8; null if malformed
 *     signed, float    boolean  null if malformed
 *     operand          object   null when the operand could not be parsed:
 *       kind           string   "reg", "mem" or "imm"
 *       reg            string   reg: the register ("rax", "x0", "r31"), else null
 *       base, index    string   mem: registers, null when absent
 *       scale          number   mem with an index: 1, 2, 4, 8; else null
 *       offset         number   mem: the numeric displacement; else null
 *       imm            number   imm: the value; else null
 *       symbol         string   mem, imm: symbolic part ("gtab", ":lo12:x"), or null
 *       segment        string   mem: x86 segment register ("fs"), or null
 *     unreadable_by    array    the tracers (as check --tracer names them) that
 *                               cannot read it (readers.c), [] when all can
 *
 *     name, type       string   with --provider-file: the argument's name and
 *                               type as the .d declares them (either null when
 *                               it does not)
 *   declared           boolean  with --provider-file: whether the .d declares
 *                               the probe (absent without the option)
 *
 * Addresses are strings because JSON numbers lose precision above 2^53.
 *
 * With --provider-file=P.d, table and notes show each site's arguments with
 * the names and types P.d declares beside the noted specs; probes of other
 * providers are listed as without it.
 */

enum format { FMT_TABLE, FMT_NOTES, FMT_JSON };
enum { ARGSMAX = 64 }; /* sdt.h writes at most 12; take what a file has, within reason */

static const char list_usage[] =
	"usage: sdtkit list [--format=table|notes|json] [-P PROVIDER] [-p PID]\n"
	"                   [--provider-file=P.d [-C [-I DIR] [-D NAME[=VAL]] [-U NAME]]] [FILE...]\n";

struct lister {
	enum format fmt;
	const char *provider;
	int showfile;     /* notes: "File:" headers */
	unsigned long id; /* table: the next ID */
	int any;          /* something was printed */
	int bad;          /* an error was reported */
	struct floatnotes floats; /* table, notes: probes noted for their float arguments */
	const struct model *decl; /* --provider-file's model, or NULL */
	const char *declpath;
};

/* what the provider file says of one site */
struct declared {
	const struct probe *p; /* the probe, or NULL */
	int provider;          /* whether the file declares its provider */
};

void
floatnote(struct floatnotes *f, const struct sdtmodule *m, const struct sdtsite *s,
          const char *module)
{
	struct sitearg args[ARGSMAX];
	size_t n = sdtsiteargs(m, s, args, ARGSMAX), i;
	struct buf readers = {0};
	char *key;

	if (n > ARGSMAX)
		n = ARGSMAX;
	for (i = 0; i < n && !args[i].isfloat; i++)
		;
	if (i == n)
		return;
	key = xasprintf("%s:%s:%s", module, s->provider, s->name);
	for (i = 0; i < f->n; i++) {
		if (strcmp(f->seen[i], key) == 0) {
			free(key);
			return;
		}
	}
	f->seen = xgrowarray(f->seen, f->n, sizeof(f->seen[0]));
	f->seen[f->n++] = key;
	/* the tracers that give up on a probe's arguments from its first 'f' one */
	tracerwords(&readers, floatcannot());
	warnx("'%s': probe '%s:%s' has floating-point arguments, which %s cannot read "
	      "('sdtkit header --floats=bits' passes their bits)", module, s->provider, s->name,
	      readers.s);
	buffree(&readers);
}

void
floatnotesfree(struct floatnotes *f)
{
	while (f->n > 0)
		free(f->seen[--f->n]);
	free(f->seen);
	f->seen = NULL;
}

static int
usagefail(const char *fmt, const char *arg)
{
	return usageerror(list_usage, fmt, arg);
}

/* length of the valid UTF-8 sequence at s, or 0 */
static size_t
utf8len(const unsigned char *s, size_t left)
{
	size_t n, i;
	uint32_t c;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
	if (n > left)
		return 0;
	c = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) || (n == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	return n;
}

/* a JSON string (or null); bytes that are not UTF-8 become \u00XX */
static void
jstr(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end;

	if (!s) {
		fputs("null", stdout);
		return;
	}
	end = p + n;
	putchar('"');
	while (p < end) {
		size_t u;

		if (*p == '"' || *p == '\\') {
			printf("\\%c", *p++);
		} else if (*p < 0x20 || *p == 0x7f) {
			printf("\\u%04x", *p++);
		} else if (*p < 0x80) {
			putchar(*p++);
		} else if ((u = utf8len(p, (size_t)(end - p))) > 0) {
			fwrite(p, 1, u, stdout);
			p += u;
		} else {
			printf("\\u%04x", *p++);
		}
	}
	putchar('"');
}

static void
jcstr(const char *s)
{
	jstr(s, s ? strlen(s) : 0);
}

static void
jkey(const char *k)
{
	printf(",\"%s\":", k);
}

static void
jhex(const char *k, uint64_t v)
{
	printf(",\"%s\":\"0x%" PRIx64 "\"", k, v);
}

static void
joptstr(const char *k, const char *v)
{
	jkey(k);
	jcstr(v && *v ? v : NULL);
}

static void
joperand(const struct sitearg *a)
{
	static const char *const kinds[] = {"reg", "mem", "imm"};
	const struct argop *o = &a->op;

	if (!a->hasop) {
		fputs("null", stdout);
		return;
	}
	printf("{\"kind\":\"%s\"", kinds[o->kind]);
	joptstr("reg", o->kind == ARG_REG ? o->reg : NULL);
	joptstr("base", o->kind == ARG_MEM ? o->base : NULL);
	joptstr("index", o->kind == ARG_MEM ? o->index : NULL);
	if (o->kind == ARG_MEM && o->index[0])
		printf(",\"scale\":%d", o->scale);
	else
		fputs(",\"scale\":null", stdout);
	if (o->kind == ARG_MEM)
		printf(",\"offset\":%" PRId64, o->offset);
	else
		fputs(",\"offset\":null", stdout);
	if (o->kind == ARG_IMM)
		printf(",\"imm\":%" PRId64, o->imm);
	else
		fputs(",\"imm\":null", stdout);
	joptstr("symbol", o->kind != ARG_REG ? o->symbol : NULL);
	joptstr("segment", o->kind == ARG_MEM ? o->segment : NULL);
	putchar('}');
}

/* the parsed arguments of s; warnings for the ones that do not parse */
static void
jargs(const struct sdtmodule *m, const struct sdtsite *s, const struct declared *d, int *warned)
{
	const struct sdtmodinfo *mi = sdtinfo(m);
	struct sitearg args[ARGSMAX];
	struct readverdict rv[ARGSMAX];
	int byvalue[ARGSMAX];
	size_t n = sdtsiteargs(m, s, args, ARGSMAX), i, t, k;

	if (n > ARGSMAX) {
		warnx("'%s': probe '%s:%s' has %zu arguments; only the first %d are parsed", mi->name,
		      s->provider, s->name, n, ARGSMAX);
		n = ARGSMAX;
	}
	for (i = 0; i < n; i++) {
		const struct arg *da = d && d->p && i < d->p->nargs ? &d->p->args[i] : NULL;

		byvalue[i] = da && (da->cls == TC_BYVALUE || da->ccls == TC_BYVALUE);
	}
	siteverdicts(mi->machine, args, n, byvalue, rv);
	putchar('[');
	for (i = 0; i < n; i++) {
		const struct sitearg *a = &args[i];

		if (!a->hasop && !argsyntaxname(mi->machine)) {
			if (!*warned)
				warnx("'%s': no argument syntax known for machine %d: operands not parsed",
				      mi->name, mi->machine);
			*warned = 1;
		} else if (!a->hasop) {
			struct sitearg again;
			char err[256];

			argparse(mi->machine, a->spec, a->speclen, &again, err, sizeof(err));
			warnx("'%s': probe '%s:%s' argument %zu '%.*s': %s", mi->name, s->provider,
			      s->name, i + 1, (int)a->speclen, a->spec, err);
		}
		printf("%s{\"spec\":", i ? "," : "");
		jstr(a->spec, a->speclen);
		if (a->size) {
			printf(",\"size\":%d,\"signed\":%s,\"float\":%s", a->size,
			       a->issigned ? "true" : "false", a->isfloat ? "true" : "false");
		} else {
			fputs(",\"size\":null,\"signed\":null,\"float\":null", stdout);
		}
		fputs(",\"operand\":", stdout);
		joperand(a);
		fputs(",\"unreadable_by\":[", stdout);
		for (t = 0, k = 0; t < NTRACERS; t++) {
			if ((rv[i].cannot >> t) & 1)
				printf("%s\"%s\"", k++ ? "," : "", tracername(t));
		}
		putchar(']');
		if (d) {
			const struct arg *da = d->p && i < d->p->nargs ? &d->p->args[i] : NULL;

			jkey("name");
			jcstr(da ? da->name : NULL);
			jkey("type");
			jcstr(da ? da->type : NULL);
		}
		putchar('}');
	}
	putchar(']');
}

static void
printjson(struct lister *l, const struct sdtmodule *m, const struct sdtsite *s,
          const struct declared *d, int *warned)
{
	const struct sdtmodinfo *mi = sdtinfo(m);
	const char *mach = sdtmachinename(mi->machine);

	fputs(l->any ? ",\n{" : "[\n{", stdout);
	l->any = 1;
	fputs("\"file\":", stdout);
	jcstr(mi->path);
	jkey("module");
	jcstr(mi->name);
	if (mi->pid)
		printf(",\"pid\":%ld", mi->pid);
	else
		fputs(",\"pid\":null", stdout);
	if (mach)
		printf(",\"machine\":\"%s\"", mach);
	else
		printf(",\"machine\":\"EM_%d\"", mi->machine);
	jkey("provider");
	jcstr(s->provider);
	jkey("name");
	jcstr(s->name);
	jhex("pc", s->pc);
	jhex("base", s->base);
	jhex("semaphore", s->semaphore);
	jhex("note_pc", s->notepc);
	jhex("note_semaphore", s->notesem);
	joptstr("pc_section", s->pcsection);
	joptstr("function", s->function);
	joptstr("semaphore_section", s->semsection);
	joptstr("semaphore_symbol", s->semsymbol);
	jkey("arguments");
	jcstr(s->args);
	jkey("args");
	jargs(m, s, l->decl ? d : NULL, warned);
	if (l->decl)
		printf(",\"declared\":%s", d->p ? "true" : "false");
	putchar('}');
}

/*
 * Under a site's row or note, its arguments as the provider file declares
 * them beside the noted specs:
 *
 *         args[0]  const char *filename  8@32(%rsp)
 *         args[1]  int lineno            -4@%eax
 */
static void
printdeclared(const struct lister *l, const struct sdtmodule *m, const struct sdtsite *s,
              const struct declared *d)
{
	static const char undeclared[] = "(not declared)";
	struct sitearg args[ARGSMAX];
	struct buf b = {0};
	size_t n = sdtsiteargs(m, s, args, ARGSMAX), i, w = 0;

	if (!d->provider)
		return;
	if (!d->p) {
		printf("        (not declared in %s)\n", l->declpath);
		return;
	}
	if (n > ARGSMAX)
		n = ARGSMAX;
	for (i = 0; i < d->p->nargs; i++) {
		b.len = 0;
		probeargdecl(&b, &d->p->args[i]);
		if (b.len > w)
			w = b.len;
	}
	if (n > d->p->nargs && w < strlen(undeclared))
		w = strlen(undeclared);
	for (i = 0; i < n || i < d->p->nargs; i++) {
		b.len = 0;
		if (i < d->p->nargs)
			probeargdecl(&b, &d->p->args[i]);
		else
			bufputs(&b, undeclared);
		if (i < n)
			printf("        args[%zu]  %-*s  %.*s\n", i, (int)w, b.s, (int)args[i].speclen,
			       args[i].spec);
		else
			printf("        args[%zu]  %-*s  (not noted)\n", i, (int)w, b.s);
	}
	if (d->p->nargs == 0 && n == 0)
		printf("        (no arguments)\n");
	buffree(&b);
}

static void
printtable(struct lister *l, const struct sdtmodinfo *mi, const struct sdtsite *s)
{
	struct buf name = {0}, prov = {0};

	if (!l->any)
		printf("%5s %10s %17s %33s %s\n", "ID", "PROVIDER", "MODULE", "FUNCTION", "NAME");
	l->any = 1;
	dtracename(&name, s->name);
	if (mi->pid)
		bufprintf(&prov, "%s%ld", s->provider, mi->pid);
	else
		bufputs(&prov, s->provider);
	printf("%5lu %10s %17s %33s %s\n", l->id++, prov.s, mi->name,
	       s->function ? s->function : "-", name.s);
	buffree(&name);
	buffree(&prov);
}

static void
printnote(struct lister *l, const struct sdtmodinfo *mi, const struct sdtsite *s, int *first,
          size_t *scn)
{
	int w = mi->elfclass == ELFCLASS64 ? 16 : 8;

	if (*first || *scn != s->notescn) {
		printf("\nDisplaying notes found in: %s\n", s->notesection);
		printf("  Owner                Data size \tDescription\n");
	}
	*first = 0;
	*scn = s->notescn;
	l->any = 1;
	printf("  %-20s 0x%08" PRIx32 "\tNT_STAPSDT (SystemTap probe descriptors)\n", "stapsdt",
	       s->descsz);
	printf("    Provider: %s\n", s->provider);
	printf("    Name: %s\n", s->name);
	printf("    Location: 0x%0*" PRIx64 ", Base: 0x%0*" PRIx64 ", Semaphore: 0x%0*" PRIx64 "\n", w,
	       s->notepc, w, s->base, w, s->notesem);
	printf("    Arguments: %s\n", s->args);
}

static int
wanted(const struct lister *l, const struct sdtmodinfo *mi, const struct sdtsite *s)
{
	char withpid[64];

	if (!l->provider || strcmp(l->provider, s->provider) == 0)
		return 1;
	if (!mi->pid)
		return 0;
	/* -P python18035 names the provider as the table shows it */
	snprintf(withpid, sizeof(withpid), "%ld", mi->pid);
	return strncmp(l->provider, s->provider, strlen(s->provider)) == 0 &&
	       strcmp(l->provider + strlen(s->provider), withpid) == 0;
}

/* list every module of one opened input */
static void
listreader(struct lister *l, struct sdtreader *r)
{
	struct sdtmodule *m;
	struct sdterr err;
	int rc;

	while ((rc = sdtnextmodule(r, &m, &err)) != 0) {
		const struct sdtmodinfo *mi;
		struct sdtsite s;
		struct declared d = {NULL, 0};
		int first = 1, warned = 0;
		size_t scn = 0;

		if (rc < 0) {
			warn("'%s': %s", err.name, err.reason);
			l->bad = 1;
			continue;
		}
		mi = sdtinfo(m);
		/* readelf names each file when it reads several, and archive members always */
		if (l->fmt == FMT_NOTES && (l->showfile || mi->member)) {
			if (mi->member) /* thin archives' members in brackets, as readelf shows them */
				printf("\nFile: %s%c%s%c\n", mi->path, mi->thin ? '[' : '(', mi->member,
				       mi->thin ? ']' : ')');
			else
				printf("\nFile: %s\n", mi->path);
		}
		while (sdtnextsite(m, &s)) {
			if (!wanted(l, mi, &s))
				continue;
			if (l->fmt != FMT_JSON) /* JSON says "float" for each argument itself */
				floatnote(&l->floats, m, &s, mi->name);
			if (l->decl)
				d.p = declprobe(l->decl, s.provider, s.name, &d.provider);
			switch (l->fmt) {
			case FMT_TABLE:
				printtable(l, mi, &s);
				break;
			case FMT_NOTES:
				printnote(l, mi, &s, &first, &scn);
				break;
			case FMT_JSON:
				printjson(l, m, &s, &d, &warned);
				break;
			}
			if (l->decl && l->fmt != FMT_JSON)
				printdeclared(l, m, &s, &d);
		}
	}
}


int
cmd_list(int argc, char **argv)
{
	struct lister l = {FMT_TABLE, NULL, 0, 1, 0, 0, {NULL, 0}, NULL, NULL};
	struct loadopts lo = {0};
	struct model decl;
	const char *declfile = NULL;
	const char **files = xcalloc((size_t)argc, sizeof(*files));
	long *pids = xcalloc((size_t)argc, sizeof(*pids));
	size_t nfiles = 0, npids = 0, k;
	int i, rest = 0, missing = 0, rc = 0, lrc;
	const char *v;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (rest || a[0] != '-' || strcmp(a, "-") == 0) {
			files[nfiles++] = a;
		} else if (strcmp(a, "--") == 0) {
			rest = 1;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(list_usage, stdout);
			goto out;
		} else if ((v = optvalue(argc, argv, &i, "--format", &missing))) {
			if (strcmp(v, "table") == 0)
				l.fmt = FMT_TABLE;
			else if (strcmp(v, "notes") == 0)
				l.fmt = FMT_NOTES;
			else if (strcmp(v, "json") == 0)
				l.fmt = FMT_JSON;
			else {
				rc = usagefail("unknown --format '%s' (table, notes or json)", v);
				goto out;
			}
		} else if ((v = optvalue(argc, argv, &i, "-P", &missing))) {
			l.provider = v;
		} else if ((v = optvalue(argc, argv, &i, "--provider-file", &missing))) {
			declfile = v;
		} else if ((lrc = loadoption(&lo, argc, argv, &i, &v)) != 0) {
			if (lrc < 0) {
				rc = usagefail("option '%s' needs a value", v);
				goto out;
			}
		} else if ((v = optvalue(argc, argv, &i, "-p", &missing))) {
			char *end;
			long pid = strtol(v, &end, 10);

			if (*v < '0' || *v > '9' || *end || pid <= 0) {
				rc = usagefail("bad process id '%s'", v);
				goto out;
			}
			pids[npids++] = pid;
		} else {
			rc = usagefail(missing ? "option '%s' needs a value" : "unknown option '%s'", a);
			goto out;
		}
	}
	if (nfiles == 0 && npids == 0) {
		rc = usagefail("no file or process given%s", "");
		goto out;
	}
	if (lo.cpp && !declfile) {
		rc = usagefail("-C reads the --provider-file: none given%s", "");
		goto out;
	}
	if (declfile) {
		if (loadmodel(declfile, &lo, &decl, printdiag, NULL) < 0) {
			rc = 1;
			goto out;
		}
		l.decl = &decl;
		l.declpath = basename_of(declfile);
	}
	l.showfile = nfiles + npids > 1 || npids > 0;
	for (k = 0; k < npids + nfiles; k++) {
		struct sdtreader *r;
		struct sdterr err;
		int orc = k < npids ? sdtopenpid(&r, pids[k], &err)
		                    : sdtopen(&r, files[k - npids], &err);

		if (orc < 0) {
			warn("'%s': %s", err.name, err.reason);
			l.bad = 1;
			continue;
		}
		listreader(&l, r);
		sdtclose(r);
	}
	if (l.fmt == FMT_JSON)
		fputs(l.any ? "\n]\n" : "[]\n", stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("cannot write the listing:");
		l.bad = 1;
	}
	rc = l.bad ? 1 : 0;
	if (l.decl)
		modelfree(&decl);
out:
	loadfree(&lo);
	floatnotesfree(&l.floats);
	free(files);
	free(pids);
	return rc;
}
