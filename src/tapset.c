/* SPDX-License-Identifier: MIT */
/* tapset.c: a SystemTap tapset: one probe alias per probe of a provider file */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tapset.h"
#include "util.h"
#include "verify.h"

/*
 * As GLib's and QEMU's tapsets are written: for each probe the binary
 * carries an alias 'provider.probe_name' ('__' as '_') on
 * process("PATH").mark("probe__name") that sets one variable per argument,
 * named as in the .d (argN, from 1 as SystemTap counts, where it has none;
 * a name SystemTap reserves gets a '_'), text read with user_string, and
 * probestr, the whole event as text:
 *
 *   probe minipy.function_entry { printf("%s\n", probestr) }
 *
 * The documentation comment of the probe in the .d heads its alias, in the
 * kernel-doc form tapsets use.
 *
 * One .d often serves several binaries (a library and the programs that
 * link it): each alias lists the probe point of every binary given that
 * carries the probe, as a SystemTap alias may, so 'probe minipy.line'
 * catches it wherever it fires. Left out, with a comment saying why: a
 * probe no binary carries (its alias would fail every script that names
 * it, or a wildcard over it), and an argument SystemTap cannot read at
 * some site (readers.c: ".LC0(%rip)", "%fs:x@tpoff"; reading it would fail
 * the script). A floating-point argument it can read is read as SystemTap
 * reads one: its bits, as an integer.
 */

static const char *const reserved[] = {
	"break", "catch", "continue", "delete", "else", "for", "foreach", "function", "global",
	"if", "in", "limit", "long", "next", "private", "probe", "return", "string", "try",
	"while", "probestr",
};

/* the variable an argument is read into */
static void
varname(struct buf *b, const struct arg *a, size_t i)
{
	size_t k;

	if (!a->name) {
		bufprintf(b, "arg%zu", i + 1);
		return;
	}
	for (k = 0; a->name[k]; k++)
		bufputc(b, isalnum((unsigned char)a->name[k]) || a->name[k] == '_' ? a->name[k] : '_');
	for (k = 0; k < LEN(reserved); k++) {
		if (strcmp(a->name, reserved[k]) == 0) {
			bufputc(b, '_');
			break;
		}
	}
}

/* "provider.probe_name" */
static void
aliasname(struct buf *b, const char *provider, const char *probe)
{
	const char *s;

	bufprintf(b, "%s.", provider);
	for (s = probe; *s; s++) {
		if (s[0] == '_' && s[1] == '_')
			s++;
		bufputc(b, isalnum((unsigned char)*s) ? *s : '_');
	}
}

/* whether argument i is read, and as what; why it is not into why */
static int
readable(const struct tracerfile *f, const struct placed *const *pl, size_t i, struct buf *why)
{
	why->len = 0;
	return tracerreads(f, pl, i, TRACER_SYSTEMTAP, why);
}

/* whether argument i is noted floating-point at some site (SystemTap reads its bits) */
static int
floatbits(const struct tracerfile *f, const struct placed *const *pl, size_t i)
{
	size_t b;

	for (b = 0; b < f->nbins; b++) {
		if (pl[b] && i < pl[b]->nargs && i < PLACEDARGS && pl[b]->isfloat[i])
			return 1;
	}
	return 0;
}

static void
alias(struct buf *out, const struct model *m, const struct provider *pv, const struct probe *p,
      const struct tracerfile *f, const struct placed *const *pl)
{
	static const char *const conv[] = {
		[RA_STRING] = "%s", [RA_POINTER] = "%p", [RA_SIGNED] = "%d",
		[RA_UNSIGNED] = "%u", [RA_FLOAT] = "0x%x", [RA_OTHER] = "%d",
	};
	struct buf name = {0}, fmt = {0}, vals = {0}, var = {0}, why = {0};
	size_t i, k;

	aliasname(&name, pv->name, p->name);
	bufprintf(out, "\n/**\n * probe %s - ", name.s);
	if (p->doc) {
		const char *nl = strchr(p->doc, '\n');

		bufprintf(out, "%.*s\n", (int)(nl ? (size_t)(nl - p->doc) : strlen(p->doc)), p->doc);
	} else {
		bufprintf(out, "the %s:%s probe\n", pv->name, p->name);
	}
	for (i = 0; i < p->nargs; i++) {
		var.len = 0;
		varname(&var, &p->args[i], i);
		bufprintf(out, " * @%s: %s", var.s, p->args[i].type);
		if (!readable(f, pl, i, &why))
			bufprintf(out, " (not set: SystemTap cannot read it (%s))", why.s);
		else if (floatbits(f, pl, i))
			bufputs(out, " (its bits, as an integer)");
		bufputc(out, '\n');
	}
	if (p->doc && strchr(p->doc, '\n')) {
		const char *s = strchr(p->doc, '\n') + 1;

		while (*s == '\n')
			s++;

		bufputs(out, " *\n");
		while (*s) {
			const char *nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);

			bufprintf(out, " *%s%.*s\n", n ? " " : "", (int)n, s);
			s += n + (nl != NULL);
		}
	}
	bufprintf(out, " */\nprobe %s = ", name.s);
	for (i = 0, k = 0; i < f->nbins; i++) {
		if (pl[i])
			bufprintf(out, "%sprocess(\"%s\").mark(\"%s\")", k++ ? ",\n\t" : "", f->bins[i].path,
			          p->name);
	}
	bufputs(out, "\n{\n");
	for (i = 0, k = 0; i < p->nargs; i++) {
		enum readas how = readas(m, &p->args[i]);

		if (!readable(f, pl, i, &why))
			continue;
		if (floatbits(f, pl, i))
			how = RA_FLOAT;
		var.len = 0;
		varname(&var, &p->args[i], i);
		if (how == RA_STRING)
			bufprintf(out, "\t%s = user_string($arg%zu)\n", var.s, i + 1);
		else
			bufprintf(out, "\t%s = $arg%zu\n", var.s, i + 1);
		bufprintf(&fmt, "%s%s=%s", k++ ? ", " : "", var.s, conv[how]);
		bufprintf(&vals, ", %s", var.s);
	}
	bufprintf(out, "\tprobestr = sprintf(\"%s(%s)\"%s)\n}\n", name.s, fmt.s ? fmt.s : "",
	          vals.s ? vals.s : "");
	buffree(&name);
	buffree(&fmt);
	buffree(&vals);
	buffree(&var);
	buffree(&why);
}

int
tapset(const struct model *m, const struct tracerfile *f, struct buf *out)
{
	size_t i, j, b, n = 0;
	const struct placed **pl = xcalloc(f->nbins, sizeof(*pl));
	struct buf paths = {0};

	for (b = 0; b < f->nbins; b++)
		bufprintf(&paths, "%s%s", b == 0 ? "" : b + 1 == f->nbins ? " and " : ", ",
		          f->bins[b].path);
	bufprintf(out, "/* Generated by sdtkit from %s: do not edit. */\n"
	          "/*\n * SystemTap probe aliases for the probes of %s, for example:\n"
	          " *\n *   stap -e 'probe %s.* { println(probestr) }'\n */\n",
	          basename_of(f->source), paths.s, m->nproviders ? m->providers[0].name : "");
	for (i = 0; i < m->nproviders; i++) {
		for (j = 0; j < m->providers[i].nprobes; j++) {
			const struct probe *p = &m->providers[i].probes[j];

			if (tracerholders(f, m->providers[i].name, p->name, pl) == 0) {
				if (f->nbins == 1)
					bufprintf(out, "\n/* %s:%s: not aliased: '%s' has no such probe */\n",
					          m->providers[i].name, p->name, f->bins[0].path);
				else
					bufprintf(out, "\n/* %s:%s: not aliased: no binary given has such a probe */\n",
					          m->providers[i].name, p->name);
				continue;
			}
			alias(out, m, &m->providers[i], p, f, pl);
			n++;
		}
	}
	buffree(&paths);
	free(pl);
	return n ? 0 : -1;
}
