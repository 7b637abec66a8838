/* SPDX-License-Identifier: MIT */
/* header.c: the probe header (over <sys/sdt.h>) and the no-op header */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "header.h"
#include "parse.h"

/*
 * Arguments as declared. Each argument of a probe initializes a local of
 * the type the .d declares, then the local goes to STAP_PROBEn: the note
 * records the declared size and signedness (an int passed for a 'long' is
 * converted, not noted -4@), a tracer reads the declared value, and the
 * argument is evaluated once. The initialization converts and diagnoses as
 * a call to a function of that prototype would. What a pointer points to
 * is taken const (a probe only reads it), so 'const gchar *' passes where
 * the .d says 'char *'. SDTKIT_TYPECHECK chooses:
 *   0  none of this: the arguments reach the site as they are, as with
 *      SystemTap's header (and nothing is checked);
 *   1  (default) converts the arguments whose types the header can name by
 *      itself: C types, <stdint.h>/<stddef.h>/<sys/types.h> types, struct
 *      and union pointers, and typedef names the .d (or a header it includes
 *      under -C) defines as one of those; the others (type names the .d
 *      leaves to its includer) are passed as they are;
 *   2  converts all, for files that declare the .d's own type names before
 *      including the header.
 */
static const char convdoc[] =
	"/*\n"
	" * Each probe argument reaches the probe site as the type the .d declares:\n"
	" * it initializes a local of that type (converted and diagnosed as a\n"
	" * function's argument, evaluated once), so the note records the declared\n"
	" * size and signedness. What a pointer points to is taken const.\n"
	" * SDTKIT_TYPECHECK: 0 converts nothing (the arguments reach the site as\n"
	" * they are, unchecked); 1 (default) converts the arguments whose types\n"
	" * this header can name and passes the others (type names the .d leaves\n"
	" * to its includer) as they are; 2 converts all, and needs those names\n"
	" * declared before this header.\n"
	" */\n";

/*
 * SDTKIT_LETn(declaration, value): the local of an argument whose
 * conversion needs SDTKIT_TYPECHECK >= n; SDTKIT_ARGn(name, value): what
 * reaches the site for it (the argument itself below that level, so the
 * type names it uses are not even seen). SDTKIT_LETB1/SDTKIT_ARGB1: a union
 * that carries a float's or double's bits as an unsigned integer
 * (--floats=bits).
 */
static const char convmacros[] =
	"#ifndef SDTKIT_TYPECHECK\n#define SDTKIT_TYPECHECK 1\n#endif\n"
	"#ifndef SDTKIT_LET1\n"
	"#if SDTKIT_TYPECHECK >= 1\n"
	"#define SDTKIT_LET1(decl, value) decl = (value);\n"
	"#define SDTKIT_ARG1(name, value) name\n"
	"#define SDTKIT_LETB1(type, bits, name, value) union { type f; bits u; } name = {(value)};\n"
	"#define SDTKIT_ARGB1(name, value) name.u\n"
	"#else\n"
	"#define SDTKIT_LET1(decl, value)\n"
	"#define SDTKIT_ARG1(name, value) (value)\n"
	"#define SDTKIT_LETB1(type, bits, name, value)\n"
	"#define SDTKIT_ARGB1(name, value) (value)\n"
	"#endif\n"
	"#if SDTKIT_TYPECHECK >= 2\n"
	"#define SDTKIT_LET2(decl, value) decl = (value);\n"
	"#define SDTKIT_ARG2(name, value) name\n"
	"#else\n"
	"#define SDTKIT_LET2(decl, value)\n"
	"#define SDTKIT_ARG2(name, value) (value)\n"
	"#endif\n"
	"#ifdef __cplusplus\n#define SDTKIT_BOOL bool\n#else\n#define SDTKIT_BOOL _Bool\n#endif\n"
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

/*
 * The fast site (--sites=fast): why it is a plain 5-byte nop in code built
 * with -mno-red-zone rather than a site that guards the red zone itself is
 * said in the text below, which the header carries.
 */
static const char fastdoc[] =
	"/*\n"
	" * Fast sites (--sites=fast). The kernel traces a site by putting an int3 on\n"
	" * its first byte: a trap per hit. Linux 6.18 instead rewrites a traced\n"
	" * 5-byte nop (0f 1f 44 00 00, as bytes: an assembler may pick another\n"
	" * encoding) into a call to a uprobe trampoline, cheaper per hit. The\n"
	" * call, and the trampoline's pushes, write the 32 bytes below %rsp: in a\n"
	" * function that keeps locals in the x86-64 red zone they are overwritten\n"
	" * while a tracer is attached. Sites that move %rsp around the nop (lea\n"
	" * -128(%rsp),%rsp) keep the red zone, but the CFA rule at the probe\n"
	" * address is then wrong wherever it is %rsp-based (gdb's bt from the probe\n"
	" * loses the caller), and .cfi_adjust_cfa_offset would make it wrong\n"
	" * wherever it is %rbp-based (frame pointers): inline asm cannot know which.\n"
	" * Saving the bytes the trampoline writes and restoring them after leaves\n"
	" * them overwritten while the tracer reads (a string in the red zone reads\n"
	" * wrong) and ties the site to one kernel's trampoline. So a fast site is the\n"
	" * plain 5-byte nop, in code built with -mno-red-zone: nothing lives below\n"
	" * %rsp, nothing moves, unwinding and operands are the standard site's.\n"
	" * The build integrations add -mno-red-zone -DSDTKIT_NO_RED_ZONE to the\n"
	" * targets that use this header; without SDTKIT_NO_RED_ZONE this header\n"
	" * refuses to compile on x86-64 (define SDTKIT_SITES_SDT for the standard\n"
	" * sites). Elsewhere (other targets, -m32, x32) a fast site is the standard\n"
	" * one. The note is <sys/sdt.h>'s, built with its own macros (operand forms,\n"
	" * size prefixes, _SDT_HAS_SEMAPHORES, the .stapsdt.base comdat section);\n"
	" * only the nop differs (an older <sys/sdt.h>, without _SDT_DEF_MACROS,\n"
	" * gets the standard site). A kernel without the\n"
	" * optimization traps on the 5-byte nop as on the 1-byte one from Linux\n"
	" * 6.16 (both are emulated); before 6.16 it also single-steps it, a second\n"
	" * trap per hit.\n"
	" */\n";

/* the fast site's macros, or the standard site's names for them where it is not fast */
static const char fastmacros[] =
	"#if defined __x86_64__ && !defined __ILP32__ && !defined SDTKIT_SITES_SDT && \\\n"
	"\tdefined _SDT_DEF_MACROS && defined _SDT_ASM_TEMPLATE_12\n"
	"#ifndef SDTKIT_NO_RED_ZONE\n"
	"#error \"fast probe sites need -mno-red-zone: compile with -mno-red-zone -DSDTKIT_NO_RED_ZONE (or define SDTKIT_SITES_SDT for standard sites)\"\n"
	"#endif\n"
	"#ifndef SDTKIT_FAST_SITE\n"
	"#define SDTKIT_FAST_SITE(provider, name, n, arglist) \\\n"
	"\tdo { \\\n"
	"\t\t_SDT_NOTE_SEMAPHORE_USE(provider, name); \\\n"
	"\t\t__asm__ __volatile__ (_SDT_DEF_MACROS \\\n"
	"\t\t\t_SDT_ASM_5(990: .byte 0x0f, 0x1f, 0x44, 0x00, 0x00) \\\n"
	"\t\t\t_SDT_ASM_3(.pushsection .note.stapsdt, _SDT_ASM_AUTOGROUP, \"note\") \\\n"
	"\t\t\t_SDT_ASM_1(.balign 4) \\\n"
	"\t\t\t_SDT_ASM_3(.4byte 992f-991f, 994f-993f, _SDT_NOTE_TYPE) \\\n"
	"\t\t\t_SDT_ASM_1(991: .asciz _SDT_NOTE_NAME) \\\n"
	"\t\t\t_SDT_ASM_1(992: .balign 4) \\\n"
	"\t\t\t_SDT_ASM_1(993: _SDT_ASM_ADDR 990b) \\\n"
	"\t\t\t_SDT_ASM_1(_SDT_ASM_ADDR _.stapsdt.base) \\\n"
	"\t\t\t_SDT_SEMAPHORE(provider, name) \\\n"
	"\t\t\t_SDT_ASM_STRING(provider) \\\n"
	"\t\t\t_SDT_ASM_STRING(name) \\\n"
	"\t\t\t_SDT_ASM_ARGS(n) \\\n"
	"\t\t\t_SDT_ASM_SUBSTR(\\x00) \\\n"
	"\t\t\t_SDT_UNDEF_MACROS \\\n"
	"\t\t\t_SDT_ASM_1(994: .balign 4) \\\n"
	"\t\t\t_SDT_ASM_1(.popsection) \\\n"
	"\t\t\t:: _SDT_ASM_OPERANDS_##n arglist); \\\n"
	"\t\t__asm__ __volatile__ (_SDT_ASM_BASE); \\\n"
	"\t} while (0)\n"
	"#define SDTKIT_FAST_PROBE(provider, name) SDTKIT_FAST_SITE(provider, name, 0, ())\n"
	"#define SDTKIT_FAST_PROBE1(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 1, (__VA_ARGS__))\n"
	"#define SDTKIT_FAST_PROBE2(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 2, (__VA_ARGS__))\n"
	"#define SDTKIT_FAST_PROBE3(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 3, (__VA_ARGS__))\n"
	"#define SDTKIT_FAST_PROBE4(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 4, (__VA_ARGS__))\n"
	"#define SDTKIT_FAST_PROBE5(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 5, (__VA_ARGS__))\n"
	"#define SDTKIT_FAST_PROBE6(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 6, (__VA_ARGS__))\n"
	"#define SDTKIT_FAST_PROBE7(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 7, (__VA_ARGS__))\n"
	"#define SDTKIT_FAST_PROBE8(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 8, (__VA_ARGS__))\n"
	"#define SDTKIT_FAST_PROBE9(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 9, (__VA_ARGS__))\n"
	"#define SDTKIT_FAST_PROBE10(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 10, (__VA_ARGS__))\n"
	"#define SDTKIT_FAST_PROBE11(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 11, (__VA_ARGS__))\n"
	"#define SDTKIT_FAST_PROBE12(provider, name, ...) SDTKIT_FAST_SITE(provider, name, 12, (__VA_ARGS__))\n"
	"#endif\n"
	"#elif !defined SDTKIT_FAST_PROBE\n"
	"#define SDTKIT_FAST_PROBE STAP_PROBE\n"
	"#define SDTKIT_FAST_PROBE1 STAP_PROBE1\n"
	"#define SDTKIT_FAST_PROBE2 STAP_PROBE2\n"
	"#define SDTKIT_FAST_PROBE3 STAP_PROBE3\n"
	"#define SDTKIT_FAST_PROBE4 STAP_PROBE4\n"
	"#define SDTKIT_FAST_PROBE5 STAP_PROBE5\n"
	"#define SDTKIT_FAST_PROBE6 STAP_PROBE6\n"
	"#define SDTKIT_FAST_PROBE7 STAP_PROBE7\n"
	"#define SDTKIT_FAST_PROBE8 STAP_PROBE8\n"
	"#define SDTKIT_FAST_PROBE9 STAP_PROBE9\n"
	"#define SDTKIT_FAST_PROBE10 STAP_PROBE10\n"
	"#define SDTKIT_FAST_PROBE11 STAP_PROBE11\n"
	"#define SDTKIT_FAST_PROBE12 STAP_PROBE12\n"
	"#endif\n";

/* how an argument reaches its site */
enum argway {
	AW_RAW,   /* as it is: a struct by value, which no site can carry anyway */
	AW_LET1,  /* converted: the header names its type */
	AW_LET2,  /* converted under SDTKIT_TYPECHECK >= 2 only: a type name of the includer's */
	AW_BITS,  /* a float or double, carried as its bits (--floats=bits) */
};

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
 * Code spelling: no blank before '*', and _Bool as SDTKIT_BOOL (bool in
 * C++). Projects run sed over generated headers with edits written for
 * SystemTap's, whose types appear only in comments (s,char \*,const char
 * \*,g and s,void \*,const void \*, over the whole file; PostgreSQL's edits
 * of '(char *' and ', char *'): spelled so, the code is out of their reach.
 */
static int
identchar(int c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$';
}

static void
spell(struct buf *out, const char *s)
{
	const char *start = s;

	for (; *s; s++) {
		if (*s == ' ' && s[1] == '*')
			continue;
		if (strncmp(s, "_Bool", 5) == 0 && !identchar(s[5]) && (s == start || !identchar(s[-1]))) {
			bufputs(out, "SDTKIT_BOOL");
			s += 4;
			continue;
		}
		/* C's restrict is no C++ keyword; GNU's __restrict is both's */
		if (strncmp(s, "restrict", 8) == 0 && !identchar(s[8]) && (s == start || !identchar(s[-1]))) {
			bufputs(out, "__restrict");
			s += 7;
			continue;
		}
		bufputc(out, *s);
	}
}

/*
 * The declaration of the local that carries an argument of type type (its
 * name at nameoff) into the site, named var (or, with var NULL, the type
 * alone, for a cast). A parameter's adjustments apply: an array becomes a
 * pointer to its element, a function a pointer to it. What a pointer
 * points to becomes const ("char *" is "const char*", "char **" is
 * "char*const*"): a probe only reads its arguments, so const data passes.
 */
static void
declaration(struct buf *out, const char *type, size_t nameoff, const char *var)
{
	struct buf t = {0}, elem = {0};
	const char *post = type + nameoff, *last, *prev = NULL, *s;
	const char *name = var ? var : "";

	while (*post == ' ')
		post++;
	if (*post == '[' && strchr(post, ']')[1] == '\0') {
		/* an array of one dimension: a pointer to its element, taken as below */
		bufadd(&elem, type, nameoff);
		while (elem.len > 0 && elem.s[elem.len - 1] == ' ')
			elem.s[--elem.len] = '\0';
		bufputs(&elem, " *");
		type = elem.s;
		nameoff = elem.len;
		post = type + nameoff;
	}
	last = strrchr(type, '*');
	if (*post == '[' || *post == '(') {
		/* an array or a function: a pointer to its element or to it */
		bufadd(&t, type, nameoff);
		bufputs(&t, "(*");
		bufputs(&t, name);
		bufputc(&t, ')');
		if (*post == '[')
			post = strchr(post, ']') + 1;
		bufputs(&t, post);
	} else if (last && !strpbrk(type, "([") && onlyqualifiers(last + 1)) {
		/* a plain pointer: to const */
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
		} else {
			bufputs(&t, type);
		}
		if (*name)
			bufprintf(&t, " %s", name);
	} else {
		bufadd(&t, type, nameoff);
		if (*name)
			bufprintf(&t, "%s%s", nameoff > 0 && type[nameoff - 1] != ' ' && type[nameoff - 1] != '(' &&
			          type[nameoff - 1] != '*' ? " " : "", name);
		bufputs(&t, type + nameoff);
	}
	spell(out, t.s);
	buffree(&t);
	buffree(&elem);
}

/* the size of a float or double argument's type (4 or 8), else 0 */
static int
floatsize(const char *type)
{
	char w[16];
	size_t i = 0, n;
	int size = 0;

	if (strpbrk(type, "*([<"))
		return 0;
	while (type[i]) {
		n = strcspn(type + i, " ");
		if (n < sizeof(w)) {
			memcpy(w, type + i, n);
			w[n] = '\0';
			if (strcmp(w, "float") == 0)
				size = 4;
			else if (strcmp(w, "double") == 0 && size == 0)
				size = 8;
			else if (strcmp(w, "long") == 0)
				return 0; /* long double: no integer of its size */
		}
		i += n;
		while (type[i] == ' ')
			i++;
	}
	return size;
}

/* how argument a reaches its site */
static enum argway
argway(const struct arg *a, const struct headeropts *o)
{
	if (a->ccls == TC_BYVALUE)
		return AW_RAW;
	if (a->ccls == TC_USER)
		return AW_LET2;
	if (o->floatbits && floatsize(a->ctype))
		return AW_BITS;
	return AW_LET1;
}

/* the types as declared, for the comment */
static void
signature(struct buf *out, const struct probe *p)
{
	size_t i;

	if (p->nargs == 0)
		bufadd(out, "void", 4);
	for (i = 0; i < p->nargs; i++) {
		if (i)
			bufadd(out, ", ", 2);
		bufputs(out, p->args[i].type);
	}
}

/* "\t\tSDTKIT_LETn(DECLARATION, argN) \" for argument i (from 0) */
static void
local(struct buf *out, const struct arg *a, size_t i, enum argway way, const char *indent)
{
	struct buf v = {0};
	const char *var;

	if (way == AW_RAW)
		return;
	bufprintf(&v, "__sdtkit_arg%zu", i + 1);
	var = v.s;
	if (way == AW_BITS) {
		bufprintf(out, "%sSDTKIT_LETB1(", indent);
		spell(out, a->ctype);
		bufprintf(out, ", %s, %s, arg%zu) \\\n", floatsize(a->ctype) == 4 ? "unsigned int" :
		          "unsigned long long", var, i + 1);
		buffree(&v);
		return;
	}
	bufprintf(out, "%sSDTKIT_LET%d(", indent, way == AW_LET2 ? 2 : 1);
	declaration(out, a->ctype, a->cnameoff, var);
	bufprintf(out, ", arg%zu) \\\n", i + 1);
	buffree(&v);
}

/* what reaches the site (or is voided in the no-op header) for argument i */
static void
value(struct buf *out, size_t i, enum argway way)
{
	switch (way) {
	case AW_RAW:
		bufprintf(out, "arg%zu", i + 1);
		break;
	case AW_LET1:
		bufprintf(out, "SDTKIT_ARG1(__sdtkit_arg%zu, arg%zu)", i + 1, i + 1);
		break;
	case AW_LET2:
		bufprintf(out, "SDTKIT_ARG2(__sdtkit_arg%zu, arg%zu)", i + 1, i + 1);
		break;
	case AW_BITS:
		bufprintf(out, "SDTKIT_ARGB1(__sdtkit_arg%zu, arg%zu)", i + 1, i + 1);
		break;
	}
}

/* the macro that makes a site: <sys/sdt.h>'s, or the fast one (--sites=fast) */
static const char *
sitemacro(const struct headeropts *o)
{
	return o->fastsites ? "SDTKIT_FAST_PROBE" : "STAP_PROBE";
}

static void
probe(struct buf *out, const struct provider *pv, const struct probe *p,
      const struct headeropts *o)
{
	char *stem = macroname(o->prefix, pv->name, p->name);
	struct buf name = {0}; /* provider_probe, the stem of the semaphore */
	struct buf sig = {0};  /* the argument types, for the comment */
	char plist[sizeof(paramtext)];
	enum argway way[SDT_MAXARGS];
	size_t i;

	bufprintf(&name, "%s_%s", pv->name, p->name);
	memcpy(plist, paramtext, paramlen[p->nargs]);
	plist[paramlen[p->nargs]] = '\0';
	signature(&sig, p);
	for (i = 0; i < p->nargs; i++)
		way[i] = argway(&p->args[i], o);

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

	bufprintf(out, "#define %s(%s) \\\n", stem, plist);
	if (o->disabled) {
		/* compiled (so the arguments are checked) but never run */
		bufputs(out, "\tdo { \\\n\t\tif (0) { \\\n");
		for (i = 0; i < p->nargs; i++)
			local(out, &p->args[i], i, way[i], "\t\t\t");
		for (i = 0; i < p->nargs; i++) {
			bufputs(out, "\t\t\t(void)");
			if (way[i] == AW_RAW)
				bufputc(out, '(');
			value(out, i, way[i]);
			bufputs(out, way[i] == AW_RAW ? "); \\\n" : "; \\\n");
		}
		bufputs(out, "\t\t} \\\n\t} while (0)\n");
	} else {
		bufputs(out, "\tdo { \\\n");
		for (i = 0; i < p->nargs; i++)
			local(out, &p->args[i], i, way[i], "\t\t");
		if (p->nargs == 0) {
			bufprintf(out, "\t\tSDTKIT_SITE_BEGIN \\\n\t\t%s(%s, %s); \\\n", sitemacro(o), pv->name, p->name);
		} else {
			bufprintf(out, "\t\tSDTKIT_SITE_BEGIN \\\n\t\t%s%zu(%s, %s", sitemacro(o), p->nargs, pv->name,
			          p->name);
			for (i = 0; i < p->nargs; i++) {
				bufputs(out, ", ");
				value(out, i, way[i]);
			}
			bufputs(out, "); \\\n");
		}
		bufputs(out, "\t\tSDTKIT_SITE_END \\\n\t} while (0)\n");
	}
	buffree(&sig);
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
	if (!o->disabled && o->fastsites)
		bufprintf(out, "%s%s", fastdoc, fastmacros);
	for (i = 0; i < m->nstdheaders; i++)
		bufprintf(out, "#include <%s>\n", m->stdheaders[i]);
	bufputs(out, "\n");
	bufputs(out, convdoc);
	bufputs(out, convmacros);
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
