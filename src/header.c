/* header.c: the probe header (over <sys/sdt.h>) and the no-op header */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "header.h"
#include "parse.h"

/*
 * Type checking. Each probe gets an extern function prototype with the
 * probe's native argument types, named only inside sizeof: the compiler
 * checks the call, nothing is evaluated, emitted or linked. SDTKIT_TYPECHECK
 * chooses which probes are checked:
 *   0  none;
 *   1  (default) those whose types the header can name by itself: C types,
 *      <stdint.h>/<stddef.h>/<sys/types.h> types, struct and union pointers;
 *   2  all, for files that declare the .d's own typedefs before including.
 */
static const char checkdoc[] =
	"/*\n"
	" * Probe arguments are checked at compile time against the .d declaration,\n"
	" * as if passed to a function of that prototype (never evaluated twice, no\n"
	" * code generated). SDTKIT_TYPECHECK: 0 checks nothing; 1 (default) checks\n"
	" * probes whose types this header can name itself; 2 checks all probes and\n"
	" * needs the .d file's own type names declared before this header.\n"
	" */\n";

/* <sys/sdt.h> passes no variadic arguments to its own macros: clang -Wpedantic objects */
static const char sitepragmas[] =
	"#ifndef SDTKIT_SITE_BEGIN\n"
	"#if defined __clang__\n"
	"#define SDTKIT_SITE_BEGIN _Pragma(\"clang diagnostic push\") \\\n"
	"\t_Pragma(\"clang diagnostic ignored \\\"-Wgnu-zero-variadic-macro-arguments\\\"\")\n"
	"#define SDTKIT_SITE_END _Pragma(\"clang diagnostic pop\")\n"
	"#else\n"
	"#define SDTKIT_SITE_BEGIN\n"
	"#define SDTKIT_SITE_END\n"
	"#endif\n"
	"#endif\n";

static int
needlevel(const struct probe *p)
{
	size_t i;
	int level = 1;

	for (i = 0; i < p->nargs; i++) {
		if (p->args[i].cls == TC_BYVALUE)
			return 0; /* never checked: such a probe cannot compile anyway */
		if (p->args[i].cls == TC_USER)
			level = 2;
	}
	return level;
}

static void
guard(struct buf *out, const char *source)
{
	const char *s;

	bufputs(out, "SDTKIT_");
	for (s = basename_of(source); *s; s++)
		bufputc(out, isalnum((unsigned char)*s) ? toupper((unsigned char)*s) : '_');
	bufputs(out, "_H");
}

static void
params(struct buf *out, size_t n, const char *sep)
{
	size_t i;

	for (i = 1; i <= n; i++)
		bufprintf(out, "%sarg%zu", i > 1 || !sep ? ", " : sep, i);
}

static void
signature(struct buf *out, const struct probe *p)
{
	size_t i;

	if (p->nargs == 0)
		bufputs(out, "void");
	for (i = 0; i < p->nargs; i++) {
		if (i)
			bufputs(out, ", ");
		bufputs(out, p->args[i].type);
	}
}

static void
probe(struct buf *out, const struct provider *pv, const struct probe *p,
      const struct headeropts *o)
{
	char *stem = macroname(o->prefix, pv->name, p->name);
	int level = needlevel(p);
	size_t i;

	bufprintf(out, "\n/* %s:%s(", pv->name, p->name);
	signature(out, p);
	bufputs(out, ") */\n");
	if (!o->disabled && o->sem != SEM_NONE) {
		bufprintf(out, "__extension__ extern unsigned short %s_%s_semaphore\n"
		          "\t__attribute__((__unused__, __section__(\".probes\")%s));\n",
		          pv->name, p->name,
		          o->sem == SEM_HIDDEN ? ", __visibility__(\"hidden\")" : "");
		bufprintf(out, "#define %s_ENABLED() __builtin_expect(%s_%s_semaphore, 0)\n", stem,
		          pv->name, p->name);
	} else {
		bufprintf(out, "#define %s_ENABLED() (%d)\n", stem, o->disabled ? 0 : 1);
	}

	if (level > 0 && p->nargs > 0) {
		bufprintf(out, "#if SDTKIT_TYPECHECK >= %d\n", level);
		bufprintf(out, "extern void sdtkit_check_%s_%s(", pv->name, p->name);
		signature(out, p);
		bufputs(out, ");\n");
		bufprintf(out, "#define SDTKIT_CHECK_%s(", stem);
		params(out, p->nargs, "");
		bufprintf(out, ") \\\n\t((void)sizeof((sdtkit_check_%s_%s(", pv->name, p->name);
		params(out, p->nargs, "");
		bufputs(out, "), 0)))\n#else\n");
		bufprintf(out, "#define SDTKIT_CHECK_%s(", stem);
		params(out, p->nargs, "");
		bufputs(out, ") ((void)0)\n#endif\n");
	}

	bufprintf(out, "#define %s(", stem);
	params(out, p->nargs, "");
	bufputs(out, ") \\\n");
	if (o->disabled) {
		bufputs(out, "\tdo { \\\n\t\tif (0) { \\\n");
		if (level > 0 && p->nargs > 0) {
			bufprintf(out, "\t\t\tSDTKIT_CHECK_%s(", stem);
			params(out, p->nargs, "");
			bufputs(out, "); \\\n");
		}
		for (i = 1; i <= p->nargs; i++)
			bufprintf(out, "\t\t\t(void)(arg%zu); \\\n", i);
		bufputs(out, "\t\t} \\\n\t} while (0)\n");
	} else {
		bufputs(out, "\tdo { \\\n");
		if (level > 0 && p->nargs > 0) {
			bufprintf(out, "\t\tSDTKIT_CHECK_%s(", stem);
			params(out, p->nargs, "");
			bufputs(out, "); \\\n");
		}
		bufputs(out, "\t\tSDTKIT_SITE_BEGIN \\\n");
		if (p->nargs == 0)
			bufprintf(out, "\t\tSTAP_PROBE(%s, %s); \\\n", pv->name, p->name);
		else {
			bufprintf(out, "\t\tSTAP_PROBE%zu(%s, %s", p->nargs, pv->name, p->name);
			params(out, p->nargs, ", ");
			bufputs(out, "); \\\n");
		}
		bufputs(out, "\t\tSDTKIT_SITE_END \\\n");
		bufputs(out, "\t} while (0)\n");
	}
	free(stem);
}

void
header(const struct model *m, const struct headeropts *o, struct buf *out)
{
	size_t i, j;

	bufprintf(out, "/* Generated by sdtkit from %s: do not edit. */\n", basename_of(o->source));
	if (o->disabled)
		bufputs(out, "/* Tracing is disabled: every probe compiles to nothing. */\n");
	bufputs(out, "#ifndef ");
	guard(out, o->source);
	bufputs(out, "\n#define ");
	guard(out, o->source);
	bufputs(out, "\n\n");
	if (!o->disabled) {
		if (o->sem == SEM_NONE) {
			bufputs(out, "#if defined _SDT_HAS_SEMAPHORES\n"
			        "#error \"this header was generated without semaphores, "
			        "but _SDT_HAS_SEMAPHORES is defined\"\n#endif\n");
		} else {
			bufputs(out, "#if defined _SYS_SDT_H && !defined _SDT_HAS_SEMAPHORES\n"
			        "#error \"<sys/sdt.h> was included without _SDT_HAS_SEMAPHORES "
			        "before this header\"\n#endif\n"
			        "#ifndef _SDT_HAS_SEMAPHORES\n#define _SDT_HAS_SEMAPHORES 1\n#endif\n");
		}
		bufputs(out, "#include <sys/sdt.h>\n");
	}
	if (!o->disabled)
		bufputs(out, sitepragmas);
	for (i = 0; i < m->nstdheaders; i++)
		bufprintf(out, "#include <%s>\n", m->stdheaders[i]);
	bufputs(out, "\n");
	bufputs(out, checkdoc);
	bufputs(out, "#ifndef SDTKIT_TYPECHECK\n#define SDTKIT_TYPECHECK 1\n#endif\n\n");
	bufputs(out, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n");
	if (m->ntags > 0)
		bufputs(out, "\n");
	for (i = 0; i < m->ntags; i++)
		bufprintf(out, "%s;\n", m->tags[i]);
	for (i = 0; i < m->nproviders; i++) {
		for (j = 0; j < m->providers[i].nprobes; j++)
			probe(out, &m->providers[i], &m->providers[i].probes[j], o);
	}
	bufputs(out, "\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n");
}
