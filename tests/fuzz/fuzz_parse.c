/* SPDX-License-Identifier: MIT */
/* fuzz_parse.c: libFuzzer harness for the .d parser and the header emitter */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpftrace.h"
#include "doc.h"
#include "header.h"
#include "parse.h"
#include "tapset.h"
#include "util.h"

/*
 * The bytes are parsed four times: as a plain .d file and as preprocessor
 * output (with line markers, system headers read leniently), each strictly
 * and as the dtrace personality reads them (D program clauses skipped, no
 * provider allowed). The parser must report exactly one error when it
 * fails and none when it succeeds, each message one non-empty line with a
 * position. A model is then written as every kind of header, each of which
 * must be text with balanced conditionals and comments; as the reference
 * in markdown and as a man page, whose every control line must be one of
 * the requests it writes (documentation comments escaped); and as a
 * bpftrace script and a tapset for a binary that places every probe, one
 * clause and one alias each. Any violation aborts, which libFuzzer reports
 * as a crash.
 */

struct diagcount {
	int linemarkers;
	int errors;
};

static void
check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_parse: invariant violated: %s\n", what);
		abort();
	}
}

static void
countdiag(void *ctx, enum severity sev, const struct pos *pos, const char *msg)
{
	struct diagcount *d = ctx;

	check(msg[0] != '\0', "empty diagnostic");
	check(strchr(msg, '\n') == NULL, "diagnostic spans lines");
	check(pos->file != NULL, "diagnostic without a file");
	check(pos->col >= 1, "diagnostic at column 0");
	/* only a '# 0' marker, which no preprocessor writes, can name line 0 */
	check(pos->line >= 1 || d->linemarkers, "diagnostic at line 0");
	if (sev == SEV_ERROR)
		d->errors++;
}

/* occurrences of s at the start of a line of text */
static size_t
linesstarting(const char *text, const char *s)
{
	size_t n = 0, len = strlen(s);
	const char *p = text;

	for (;;) {
		if (strncmp(p, s, len) == 0)
			n++;
		p = strchr(p, '\n');
		if (!p)
			return n;
		p++;
	}
}

/* occurrences of s anywhere in text */
static size_t
count(const char *text, const char *s)
{
	size_t n = 0;
	const char *p = text;

	while ((p = strstr(p, s)) != NULL) {
		n++;
		p += strlen(s);
	}
	return n;
}

static void
headers(const struct model *m)
{
	static const char *const prefixes[] = {NULL, "PFX_"};
	static const enum semvis sems[] = {SEM_HIDDEN, SEM_DEFAULT, SEM_NONE};
	size_t i, j;
	int disabled;

	for (disabled = 0; disabled <= 1; disabled++) {
		for (i = 0; i < LEN(prefixes); i++) {
			for (j = 0; j < LEN(sems); j++) {
				/* the float option with the hidden semaphores only: it touches the arguments alone */
				struct headeropts o = {disabled, prefixes[i], sems[j], "dir/fuzz.d",
				                       sems[j] == SEM_HIDDEN && i == 0};
				struct buf out = {0};

				header(m, &o, &out);
				check(out.len > 0 && out.s != NULL, "empty header");
				check(strlen(out.s) == out.len, "NUL byte in the header");
				check(linesstarting(out.s, "#if") == linesstarting(out.s, "#endif"),
				      "unbalanced #if/#endif");
				check(count(out.s, "/*") == count(out.s, "*/"), "unbalanced comments");
				check(out.s[out.len - 1] == '\n', "header does not end a line");
				buffree(&out);
			}
		}
	}
}

/* whether every line of man that starts with '.' or '\'' is a request doc.c writes */
static int
requestsonly(const char *man)
{
	static const char *const requests[] = {
		".\\\" ", ".TH ", ".SH ", ".SS ", ".TP\n", ".I ", ".B ", ".BR ", ".PP\n", ".IP ",
	};
	const char *p = man;
	size_t i;

	for (; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		if (*p != '.' && *p != '\'')
			continue;
		for (i = 0; i < LEN(requests); i++) {
			if (strncmp(p, requests[i], strlen(requests[i])) == 0)
				break;
		}
		if (i == LEN(requests))
			return 0;
	}
	return 1;
}

static void
tracers(const struct model *m)
{
	struct tracerbinary bin = {"/usr/bin/fuzz", {0}};
	struct placedset *const ps = &bin.ps;
	struct tracerfile f = {&bin, 1, "dir/fuzz.d", "fuzz.bt"};
	struct buf md = {0}, man = {0}, bt = {0}, stp = {0};
	size_t i, j, nprobes = 0;

	for (i = 0; i < m->nproviders; i++)
		nprobes += m->providers[i].nprobes;
	ps->p = xcalloc(nprobes ? nprobes : 1, sizeof(*ps->p));
	for (i = 0; i < m->nproviders; i++) {
		for (j = 0; j < m->providers[i].nprobes; j++) {
			struct placed *p = &ps->p[ps->n++];

			p->provider = m->providers[i].name;
			p->name = m->providers[i].probes[j].name;
			p->nargs = m->providers[i].probes[j].nargs;
		}
	}
	probedoc(m, "dir/fuzz.d", 0, &md);
	probedoc(m, "dir/fuzz.d", 1, &man);
	check(md.len > 0 && strlen(md.s) == md.len, "markdown reference empty or with a NUL");
	check(linesstarting(md.s, "### ") == nprobes, "markdown reference: not one heading per probe");
	check(man.len > 0 && strlen(man.s) == man.len, "man reference empty or with a NUL");
	check(requestsonly(man.s), "man reference: a line starts with a request doc.c does not write");
	check(linesstarting(man.s, ".SS ") == nprobes, "man reference: not one .SS per probe");
	if (nprobes > 0) {
		check(bpftracescript(m, &f, &bt) == 0, "bpftrace: no probe attached");
		check(tapset(m, &f, &stp) == 0, "tapset: no alias");
		check(linesstarting(bt.s, "usdt:/usr/bin/fuzz:") == nprobes, "bpftrace: not one clause per probe");
		check(linesstarting(stp.s, "probe ") == nprobes, "tapset: not one alias per probe");
	}
	free(ps->p);
	buffree(&md);
	buffree(&man);
	buffree(&bt);
	buffree(&stp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int flags;

	for (flags = 0; flags <= (PARSE_CPP | PARSE_PROGRAMS); flags++) {
		struct diagcount d = {flags & PARSE_CPP, 0};
		struct model m;
		int rc = parse("fuzz.d", (const char *)data, size, flags, &m, countdiag, &d);

		if (rc < 0) {
			check(d.errors == 1, "a failed parse reported other than one error");
			check(m.nproviders == 0 && m.files == NULL, "model not freed after an error");
			continue;
		}
		check(rc == 0, "parse returned neither 0 nor -1");
		check(d.errors == 0, "a successful parse reported an error");
		check(m.nproviders > 0 || (flags & PARSE_PROGRAMS), "a successful parse without a provider");
		headers(&m);
		tracers(&m);
		modelfree(&m);
	}
	return 0;
}
