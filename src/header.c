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

/*
 * SDTKIT_CHECKn(call): the call is compiled, never evaluated, when
 * SDTKIT_TYPECHECK >= n; else it is not even seen (so a probe of level 2 may
 * name types the includer has not declared)
 */
static const char checkmacros[] =
	"#ifndef SDTKIT_CHECK1\n"
	"#if SDTKIT_TYPECHECK >= 1\n#define SDTKIT_CHECK1(call) ((void)sizeof((call, 0)))\n"
	"#else\n#define SDTKIT_CHECK1(call) ((void)0)\n#endif\n"
	"#if SDTKIT_TYPECHECK >= 2\n#define SDTKIT_CHECK2(call) ((void)sizeof((call, 0)))\n"
	"#else\n#define SDTKIT_CHECK2(call) ((void)0)\n#endif\n"
	"#endif\n";

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

/* "arg1, arg2, ...": the parameter list of n arguments is the first paramlen[n] bytes */
static const char paramtext[] =
	"arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11, arg12";
static const unsigned char paramlen[SDT_MAXARGS + 1] = {0, 4, 10, 16, 22, 28, 34, 40, 46, 52, 59, 66, 73};
_Static_assert(sizeof(paramtext) - 1 == 73, "paramlen must match paramtext");

/* whether the words of s[0, n) include w */
static int
hasword(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w), i;

	for (i = 0; i + k <= n; i++) {
		if (memcmp(s + i, w, k) == 0 && (i == 0 || (!isalnum((unsigned char)s[i - 1]) && s[i - 1] != '_')) &&
		    (i + k == n || (!isalnum((unsigned char)s[i + k]) && s[i + k] != '_')))
			return 1;
	}
	return 0;
}

/* whether s holds only blanks and the qualifiers const, volatile, restrict */
static int
onlyqualifiers(const char *s)
{
	while (*s) {
		size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz_");

		if (*s == ' ')
			n = 1;
		else if (!((n == 5 && memcmp(s, "const", 5) == 0) || (n == 8 && memcmp(s, "volatile", 8) == 0) ||
		           (n == 8 && memcmp(s, "restrict", 8) == 0) || (n == 10 && memcmp(s, "__restrict", 10) == 0)))
			return 0;
		s += n;
	}
	return 1;
}

/*
 * A type as the header's code spells it: no blank before '*'. Projects run
 * sed over generated headers with edits written for SystemTap's, whose
 * types appear only in comments (s,char \*,const char \*,g and
 * s,void \*,const void \*, over the whole file; PostgreSQL's edits of
 * '(char *' and ', char *'): spelled so, the code is out of their reach. With constify, what a pointer points
 * to becomes const ("char *" is "const char*", "char **" is "char*const*"):
 * a probe only reads its arguments, so const data passes the type check.
 */
static void
codetype(struct buf *out, const char *type, int constify)
{
	struct buf t = {0};
	const char *last = strrchr(type, '*'), *prev = NULL, *s;

	if (constify && last && !strpbrk(type, "([") && onlyqualifiers(last + 1)) {
		for (s = type; s < last; s++)
			if (*s == '*')
				prev = s;
		if (prev && !hasword(prev + 1, (size_t)(last - prev - 1), "const")) {
			bufadd(&t, type, (size_t)(last - type));
			bufputs(&t, "const");
			bufputs(&t, last);
		} else if (!prev && !hasword(type, (size_t)(last - type), "const")) {
			bufputs(&t, "const ");
			bufputs(&t, type);
		}
	}
	if (!t.s)
		bufputs(&t, type);
	for (s = t.s; *s; s++) {
		if (!(*s == ' ' && s[1] == '*'))
			bufputc(out, *s);
	}
	buffree(&t);
}

/* the argument types: as declared (comments), or as code (constify: see codetype) */
static void
signature(struct buf *out, const struct probe *p, int code)
{
	size_t i;

	if (p->nargs == 0)
		bufadd(out, "void", 4);
	for (i = 0; i < p->nargs; i++) {
		if (i)
			bufadd(out, ", ", 2);
		if (code)
			codetype(out, p->args[i].type, 1);
		else
			bufputs(out, p->args[i].type);
	}
}

static void
probe(struct buf *out, const struct provider *pv, const struct probe *p,
      const struct headeropts *o)
{
	char *stem = macroname(o->prefix, pv->name, p->name);
	struct buf name = {0}; /* provider_probe, the stem of the semaphore and the check */
	struct buf sig = {0};  /* the argument types, for the comment */
	struct buf proto = {0}; /* and for the prototype of the check */
	char plist[sizeof(paramtext)];
	int level = needlevel(p), checked = level > 0 && p->nargs > 0;
	size_t i;

	bufprintf(&name, "%s_%s", pv->name, p->name);
	memcpy(plist, paramtext, paramlen[p->nargs]);
	plist[paramlen[p->nargs]] = '\0';
	signature(&sig, p, 0);
	signature(&proto, p, 1);

	bufprintf(out, "\n/* %s:%s(%s) */\n", pv->name, p->name, sig.s);
	if (!o->disabled && o->sem != SEM_NONE) {
		bufprintf(out, "__extension__ extern unsigned short %s_semaphore\n"
		          "\t__attribute__((__unused__, __section__(\".probes\")%s));\n"
		          "#define %s_ENABLED() __builtin_expect(%s_semaphore, 0)\n",
		          name.s, o->sem == SEM_HIDDEN ? ", __visibility__(\"hidden\")" : "",
		          stem, name.s);
	} else {
		bufprintf(out, "#define %s_ENABLED() (%s)\n", stem, o->disabled ? "0" : "1");
	}

	if (checked) {
		bufprintf(out, "#if SDTKIT_TYPECHECK >= %d\nextern void sdtkit_check_%s(%s);\n#endif\n",
		          level, name.s, proto.s);
	}

	bufprintf(out, "#define %s(%s) \\\n", stem, plist);
	if (o->disabled) {
		bufputs(out, "\tdo { \\\n\t\tif (0) { \\\n");
		if (checked)
			bufprintf(out, "\t\t\tSDTKIT_CHECK%d(sdtkit_check_%s(%s)); \\\n", level, name.s,
			          plist);
		for (i = 1; i <= p->nargs; i++)
			bufprintf(out, "\t\t\t(void)(arg%zu); \\\n", i);
		bufputs(out, "\t\t} \\\n\t} while (0)\n");
	} else {
		bufputs(out, "\tdo { \\\n");
		if (checked)
			bufprintf(out, "\t\tSDTKIT_CHECK%d(sdtkit_check_%s(%s)); \\\n", level, name.s,
			          plist);
		if (p->nargs == 0)
			bufprintf(out, "\t\tSDTKIT_SITE_BEGIN \\\n\t\tSTAP_PROBE(%s, %s); \\\n", pv->name, p->name);
		else
			bufprintf(out, "\t\tSDTKIT_SITE_BEGIN \\\n\t\tSTAP_PROBE%zu(%s, %s, %s); \\\n",
			          p->nargs, pv->name, p->name, plist);
		bufputs(out, "\t\tSDTKIT_SITE_END \\\n\t} while (0)\n");
	}
	buffree(&sig);
	buffree(&proto);
	buffree(&name);
	free(stem);
}


void
header(const struct model *m, const struct headeropts *o, struct buf *out)
{
	size_t i, j;

	bufprintf(out, "/* Generated by sdtkit from %s: do not edit. */\n", basename_of(o->source));
	if (m->nproviders == 0) {
		/* the dtrace personality's answer to a file without providers (a configure test) */
		bufprintf(out, "/* %s declares no provider: there are no probes. */\n#ifndef ",
		          basename_of(o->source));
		guard(out, o->source);
		bufputs(out, "\n#define ");
		guard(out, o->source);
		bufputs(out, "\n#endif\n");
		return;
	}
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
	bufputs(out, "#ifndef SDTKIT_TYPECHECK\n#define SDTKIT_TYPECHECK 1\n#endif\n");
	bufputs(out, checkmacros);
	bufputs(out, "\n");
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
