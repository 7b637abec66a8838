/* SPDX-License-Identifier: MIT */
/* header.c: the probe header (over <sys/sdt.h>) and the no-op header */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "header.h"
#include "parse.h"

/*
 * Arguments as declared. Each probe argument reaches its site converted to
 * the type the .d declares, so the note records the declared size and
 * signedness whatever the caller passes (an int for a 'long' is noted -8@,
 * a '(void *)(intptr_t)x' for an 'int' -4@), a tracer reads the declared
 * value, and the argument is evaluated once. SDTKIT_TYPECHECK chooses how:
 *   0  none of this: the arguments reach the site as they are, as with
 *      SystemTap's header;
 *   1  (default) an explicit conversion, which gives no diagnostic a
 *      cast would not, and a cast gives none: a number to a number, a
 *      pointer to or from an integer through uintptr_t (every pointer
 *      argument becomes a 'const void *', which is all its note says); an
 *      argument no cast can convert (a struct or union by value) passes as
 *      it is, and so does one of a type name the .d leaves to its includer
 *      unless the .d makes it a pointer. In C the argument's class
 *      (__builtin_classify_type) picks the conversion with
 *      __builtin_choose_expr, in C++ a template does. Disagreements with
 *      the .d are 'sdtkit check's to report, from the notes;
 *   2  strict: each argument initializes a local of the declared type, as
 *      a function's argument would (what a pointer points to taken const
 *      volatile: a probe only reads it), so a disagreement is the
 *      compiler's diagnostic; the includer declares the .d's own type
 *      names first.
 * The no-op header checks nothing below level 2, so it compiles wherever
 * its probes are used at all.
 */
static const char convdoc[] =
	"/*\n"
	" * Each probe argument reaches the probe site converted to the type the .d\n"
	" * declares (evaluated once), so the note records the declared size and\n"
	" * signedness. SDTKIT_TYPECHECK: 0 converts nothing (the arguments reach\n"
	" * the site as they are, as with SystemTap's header); 1 (default)\n"
	" * converts explicitly, as a cast does (a pointer to or from an integer\n"
	" * through uintptr_t), with no diagnostic, and passes what no cast can\n"
	" * convert (a struct by value) as it is; 2 is strict: each argument\n"
	" * initializes a local of the declared type as a function's argument\n"
	" * would (pointed-to data taken const volatile), so a disagreement is a\n"
	" * diagnostic, and the .d's own type names must be declared before this\n"
	" * header.\n"
	" */\n";

/* the no-op header's: what it checks */
static const char noopdoc[] =
	"/*\n"
	" * The arguments are compiled, never run (so variables used only in probes\n"
	" * are used), and checked against the .d only under SDTKIT_TYPECHECK=2,\n"
	" * the probe header's strict mode: each then initializes a local of the\n"
	" * declared type as a function's argument would (pointed-to data taken\n"
	" * const volatile), and the .d's own type names must be declared before\n"
	" * this header. Below that this header checks nothing.\n"
	" */\n";

/*
 * Both headers: SDTKIT_STRICT(declaration, value), the local of an
 * argument under SDTKIT_TYPECHECK >= 2 only, and
 * SDTKIT_STRICTARG(name, value), what reaches the site (or the no-op
 * header's (void)) for it: the argument itself below that level.
 */
static const char checkmacros[] =
	"#ifndef SDTKIT_TYPECHECK\n#define SDTKIT_TYPECHECK 1\n#endif\n"
	"#ifndef SDTKIT_STRICT\n"
	"#if SDTKIT_TYPECHECK >= 2\n"
	"#define SDTKIT_STRICT(decl, value) decl = (value);\n"
	"#define SDTKIT_STRICTARG(name, value) name\n"
	"#else\n"
	"#define SDTKIT_STRICT(decl, value)\n"
	"#define SDTKIT_STRICTARG(name, value) (value)\n"
	"#endif\n"
	"#ifdef __cplusplus\n#define SDTKIT_BOOL bool\n#define SDTKIT_ATOMIC\n"
	"#else\n#define SDTKIT_BOOL _Bool\n#define SDTKIT_ATOMIC _Atomic\n#endif\n"
	"#endif\n";

/*
 * The probe header's conversions, argument n of value 'value':
 * SDTKIT_LETN(type, n, value) / SDTKIT_ARGN(type, n, value) to a number
 * type; SDTKIT_LETP(declaration, n, value) / SDTKIT_ARGP(n, value) to a
 * pointer (the declaration is level 2's); SDTKIT_LETF(type, bits, n, value)
 * / SDTKIT_ARGF(type, bits, n, value) to a float or double carried as its
 * bits in an unsigned integer (--floats=bits). LET declares what ARG then
 * passes to the site.
 *
 * Level 1 in C: an enum constant holds the argument's class (GCC's and
 * clang's __builtin_classify_type: 1 to 4, 8 and 18 numbers, 5 pointers,
 * 10 functions, 14 arrays, the rest aggregates), and __builtin_choose_expr
 * evaluates the one conversion that applies; each conversion only ever sees
 * an operand of a class it takes (0 or a null pointer stands in for the
 * others), so no branch can be ill-formed. An aggregate goes into a local
 * of its own type instead, and the site takes whichever local applies; the
 * unused one costs nothing. GCC's -Wbad-function-cast (a call cast to
 * another kind of type) is the one warning a cast gives: SDTKIT_SITE_BEGIN
 * silences it.
 *
 * Level 1 in C++: a template classifies the argument's type (class, union
 * and member pointer: as it is; arithmetic and enum: a number; pointer,
 * array, function and nullptr_t: a pointer) and converts it with
 * static_cast and reinterpret_cast (not C casts, for -Wold-style-cast).
 * The templates are always inlined, so nothing of them remains in the
 * object.
 */
static const char convmacros[] =
	"#ifndef SDTKIT_LETN\n"
	"#if SDTKIT_TYPECHECK >= 2\n"
	"#define SDTKIT_LETN(type, n, value) type __sdtkit_arg##n = (value);\n"
	"#define SDTKIT_ARGN(type, n, value) __sdtkit_arg##n\n"
	"#define SDTKIT_LETP(decl, n, value) decl = (value);\n"
	"#define SDTKIT_ARGP(n, value) __sdtkit_arg##n\n"
	"#define SDTKIT_LETF(type, bits, n, value) union { type __sdtkit_f; bits __sdtkit_u; } __sdtkit_arg##n = {(value)};\n"
	"#define SDTKIT_ARGF(type, bits, n, value) __sdtkit_arg##n.__sdtkit_u\n"
	"#elif SDTKIT_TYPECHECK >= 1 && !defined __cplusplus\n"
	"#define SDTKIT_ISNUM(k) ((k) == 1 || (k) == 2 || (k) == 3 || (k) == 4 || (k) == 8 || (k) == 18)\n"
	"#define SDTKIT_ISPTR(k) ((k) == 5 || (k) == 10 || (k) == 14)\n"
	"#define SDTKIT_ISAGG(n) (!SDTKIT_ISNUM(__sdtkit_k##n) && !SDTKIT_ISPTR(__sdtkit_k##n))\n"
	"#define SDTKIT_UINTPTR(n, value) __builtin_choose_expr(SDTKIT_ISPTR(__sdtkit_k##n), \\\n"
	"\t(__UINTPTR_TYPE__)__builtin_choose_expr(SDTKIT_ISPTR(__sdtkit_k##n), (value), (void*)0), \\\n"
	"\t(__UINTPTR_TYPE__)__builtin_choose_expr(SDTKIT_ISNUM(__sdtkit_k##n), (value), 0))\n"
	"#define SDTKIT_TONUM(type, n, value) __builtin_choose_expr(SDTKIT_ISPTR(__sdtkit_k##n), \\\n"
	"\t(type)SDTKIT_UINTPTR(n, value), \\\n"
	"\t(type)__builtin_choose_expr(SDTKIT_ISNUM(__sdtkit_k##n), (value), 0))\n"
	"#define SDTKIT_AGG(n, value) __builtin_choose_expr(SDTKIT_ISAGG(n), (value), 0)\n"
	"#define SDTKIT_LET(n, value) enum { __sdtkit_k##n = __builtin_classify_type(value) }; \\\n"
	"\t__typeof__(SDTKIT_AGG(n, value)) __sdtkit_raw##n __attribute__((__unused__)) = SDTKIT_AGG(n, value);\n"
	"#define SDTKIT_PICK(n, conv) __builtin_choose_expr(SDTKIT_ISAGG(n), __sdtkit_raw##n, conv)\n"
	"#define SDTKIT_LETN(type, n, value) SDTKIT_LET(n, value) \\\n"
	"\ttype __sdtkit_arg##n __attribute__((__unused__)) = SDTKIT_TONUM(type, n, value);\n"
	"#define SDTKIT_ARGN(type, n, value) SDTKIT_PICK(n, __sdtkit_arg##n)\n"
	"#define SDTKIT_LETP(decl, n, value) SDTKIT_LET(n, value) \\\n"
	"\tconst void* __sdtkit_arg##n __attribute__((__unused__)) = (const void*)SDTKIT_UINTPTR(n, value);\n"
	"#define SDTKIT_ARGP(n, value) SDTKIT_PICK(n, __sdtkit_arg##n)\n"
	"#define SDTKIT_LETF(type, bits, n, value) SDTKIT_LET(n, value) \\\n"
	"\tunion { type __sdtkit_f; bits __sdtkit_u; } __sdtkit_arg##n __attribute__((__unused__)) = {SDTKIT_TONUM(type, n, value)};\n"
	"#define SDTKIT_ARGF(type, bits, n, value) SDTKIT_PICK(n, __sdtkit_arg##n.__sdtkit_u)\n"
	"#elif SDTKIT_TYPECHECK >= 1\n";
static const char convcxx[] =
	"#define SDTKIT_INLINE inline __attribute__((__always_inline__))\n"
	"#if defined __GNUC__ && !defined __clang__\n"
	"/* a bool from an array or a function: its address, which g++ knows is not null */\n"
	"#pragma GCC diagnostic push\n"
	"#pragma GCC diagnostic ignored \"-Waddress\"\n"
	"#pragma GCC diagnostic ignored \"-Wnonnull-compare\"\n"
	"#endif\n"
	"extern \"C++\" {\n"
	"template <typename __sdtkit_X> struct __sdtkit_nocv { typedef __sdtkit_X __sdtkit_type; };\n"
	"template <typename __sdtkit_X> struct __sdtkit_nocv<const __sdtkit_X> { typedef __sdtkit_X __sdtkit_type; };\n"
	"template <typename __sdtkit_X> struct __sdtkit_nocv<volatile __sdtkit_X> { typedef __sdtkit_X __sdtkit_type; };\n"
	"template <typename __sdtkit_X> struct __sdtkit_nocv<const volatile __sdtkit_X> { typedef __sdtkit_X __sdtkit_type; };\n"
	"/* const X is X itself only for a function type X */\n"
	"template <typename __sdtkit_X> struct __sdtkit_isfn { enum { __sdtkit_v = 1 }; };\n"
	"template <typename __sdtkit_X> struct __sdtkit_isfn<const __sdtkit_X> { enum { __sdtkit_v = 0 }; };\n"
	"/* the kind of an argument: 0 passed as it is, 1 a number, 2 a pointer */\n"
	"template <typename __sdtkit_X> struct __sdtkit_kind0 {\n"
	"\tenum { __sdtkit_v = __is_class(__sdtkit_X) || __is_union(__sdtkit_X) ? 0 : __is_enum(__sdtkit_X) ? 1 : __sdtkit_isfn<const __sdtkit_X>::__sdtkit_v ? 2 : 1 };\n"
	"};\n"
	"template <typename __sdtkit_X> struct __sdtkit_kind0<__sdtkit_X *> { enum { __sdtkit_v = 2 }; };\n"
	"template <typename __sdtkit_X, __SIZE_TYPE__ __sdtkit_N> struct __sdtkit_kind0<__sdtkit_X[__sdtkit_N]> { enum { __sdtkit_v = 2 }; };\n"
	"template <typename __sdtkit_X> struct __sdtkit_kind0<__sdtkit_X[]> { enum { __sdtkit_v = 2 }; };\n"
	"template <typename __sdtkit_X, typename __sdtkit_C> struct __sdtkit_kind0<__sdtkit_X __sdtkit_C::*> { enum { __sdtkit_v = 0 }; };\n"
	"#if __cplusplus >= 201103L\n"
	"template <> struct __sdtkit_kind0<decltype(nullptr)> { enum { __sdtkit_v = 2 }; };\n"
	"#endif\n"
	"template <typename __sdtkit_X> struct __sdtkit_kind : __sdtkit_kind0<typename __sdtkit_nocv<__sdtkit_X>::__sdtkit_type> {};\n";
/* (in two strings, each under C99's 4095 bytes) */
static const char convcxx2[] =
	"template <typename __sdtkit_T, typename __sdtkit_X, int __sdtkit_K = __sdtkit_kind<__sdtkit_X>::__sdtkit_v> struct __sdtkit_num {\n"
	"\ttypedef __sdtkit_T __sdtkit_type;\n"
	"\tstatic SDTKIT_INLINE __sdtkit_type __sdtkit_get(const __sdtkit_X &__sdtkit_x) { return static_cast<__sdtkit_T>(__sdtkit_x); }\n"
	"};\n"
	"template <typename __sdtkit_T, typename __sdtkit_X> struct __sdtkit_num<__sdtkit_T, __sdtkit_X, 2> {\n"
	"\ttypedef __sdtkit_T __sdtkit_type;\n"
	"\tstatic SDTKIT_INLINE __sdtkit_type __sdtkit_get(const __sdtkit_X &__sdtkit_x) { return static_cast<__sdtkit_T>(reinterpret_cast<__UINTPTR_TYPE__>(__sdtkit_x)); }\n"
	"};\n"
	"template <typename __sdtkit_T, typename __sdtkit_X> struct __sdtkit_num<__sdtkit_T, __sdtkit_X, 0> {\n"
	"\ttypedef const __sdtkit_X &__sdtkit_type;\n"
	"\tstatic SDTKIT_INLINE __sdtkit_type __sdtkit_get(const __sdtkit_X &__sdtkit_x) { return __sdtkit_x; }\n"
	"};\n"
	"template <typename __sdtkit_X, int __sdtkit_K = __sdtkit_kind<__sdtkit_X>::__sdtkit_v> struct __sdtkit_ptr {\n"
	"\ttypedef const void* __sdtkit_type;\n"
	"\tstatic SDTKIT_INLINE __sdtkit_type __sdtkit_get(const __sdtkit_X &__sdtkit_x) { return reinterpret_cast<__sdtkit_type>(__sdtkit_num<__UINTPTR_TYPE__, __sdtkit_X>::__sdtkit_get(__sdtkit_x)); }\n"
	"};\n"
	"template <typename __sdtkit_X> struct __sdtkit_ptr<__sdtkit_X, 0> {\n"
	"\ttypedef const __sdtkit_X &__sdtkit_type;\n"
	"\tstatic SDTKIT_INLINE __sdtkit_type __sdtkit_get(const __sdtkit_X &__sdtkit_x) { return __sdtkit_x; }\n"
	"};\n"
	"template <typename __sdtkit_T, typename __sdtkit_B, typename __sdtkit_X, int __sdtkit_K = __sdtkit_kind<__sdtkit_X>::__sdtkit_v> struct __sdtkit_bits {\n"
	"\ttypedef __sdtkit_B __sdtkit_type;\n"
	"\tstatic SDTKIT_INLINE __sdtkit_type __sdtkit_get(const __sdtkit_X &__sdtkit_x) { union { __sdtkit_T __sdtkit_f; __sdtkit_B __sdtkit_u; } __sdtkit_v; __sdtkit_v.__sdtkit_f = __sdtkit_num<__sdtkit_T, __sdtkit_X>::__sdtkit_get(__sdtkit_x); return __sdtkit_v.__sdtkit_u; }\n"
	"};\n"
	"template <typename __sdtkit_T, typename __sdtkit_B, typename __sdtkit_X> struct __sdtkit_bits<__sdtkit_T, __sdtkit_B, __sdtkit_X, 0> {\n"
	"\ttypedef const __sdtkit_X &__sdtkit_type;\n"
	"\tstatic SDTKIT_INLINE __sdtkit_type __sdtkit_get(const __sdtkit_X &__sdtkit_x) { return __sdtkit_x; }\n"
	"};\n"
	"template <typename __sdtkit_T, typename __sdtkit_X> SDTKIT_INLINE typename __sdtkit_num<__sdtkit_T, __sdtkit_X>::__sdtkit_type\n"
	"__sdtkit_tonum(const __sdtkit_X &__sdtkit_x) { return __sdtkit_num<__sdtkit_T, __sdtkit_X>::__sdtkit_get(__sdtkit_x); }\n"
	"template <typename __sdtkit_X> SDTKIT_INLINE typename __sdtkit_ptr<__sdtkit_X>::__sdtkit_type\n"
	"__sdtkit_toptr(const __sdtkit_X &__sdtkit_x) { return __sdtkit_ptr<__sdtkit_X>::__sdtkit_get(__sdtkit_x); }\n"
	"template <typename __sdtkit_T, typename __sdtkit_B, typename __sdtkit_X> SDTKIT_INLINE typename __sdtkit_bits<__sdtkit_T, __sdtkit_B, __sdtkit_X>::__sdtkit_type\n"
	"__sdtkit_tobits(const __sdtkit_X &__sdtkit_x) { return __sdtkit_bits<__sdtkit_T, __sdtkit_B, __sdtkit_X>::__sdtkit_get(__sdtkit_x); }\n"
	"}\n"
	"#if defined __GNUC__ && !defined __clang__\n"
	"#pragma GCC diagnostic pop\n"
	"#endif\n"
	"#define SDTKIT_LETN(type, n, value)\n"
	"#define SDTKIT_ARGN(type, n, value) (::__sdtkit_tonum<type>(value))\n"
	"#define SDTKIT_LETP(decl, n, value)\n"
	"#define SDTKIT_ARGP(n, value) (::__sdtkit_toptr(value))\n"
	"#define SDTKIT_LETF(type, bits, n, value)\n"
	"#define SDTKIT_ARGF(type, bits, n, value) (::__sdtkit_tobits<type, bits>(value))\n"
	"#else\n";
static const char convnone[] =
	"#define SDTKIT_LETN(type, n, value)\n"
	"#define SDTKIT_ARGN(type, n, value) (value)\n"
	"#define SDTKIT_LETP(decl, n, value)\n"
	"#define SDTKIT_ARGP(n, value) (value)\n"
	"#define SDTKIT_LETF(type, bits, n, value)\n"
	"#define SDTKIT_ARGF(type, bits, n, value) (value)\n"
	"#endif\n"
	"#endif\n";

/*
 * <sys/sdt.h> passes no variadic arguments to its own macros: clang
 * -Wpedantic objects. GCC's -Wbad-function-cast objects to level 1's casts
 * of a call (see convmacros). The pair brackets a whole probe.
 */
static const char sitepragmas[] =
	"#ifndef SDTKIT_SITE_BEGIN\n"
	"#if defined __clang__\n"
	"#define SDTKIT_SITE_BEGIN _Pragma(\"clang diagnostic push\") \\\n"
	"\t_Pragma(\"clang diagnostic ignored \\\"-Wgnu-zero-variadic-macro-arguments\\\"\")\n"
	"#define SDTKIT_SITE_END _Pragma(\"clang diagnostic pop\")\n"
	"#elif defined __GNUC__ && !defined __cplusplus\n"
	"#define SDTKIT_SITE_BEGIN _Pragma(\"GCC diagnostic push\") \\\n"
	"\t_Pragma(\"GCC diagnostic ignored \\\"-Wbad-function-cast\\\"\")\n"
	"#define SDTKIT_SITE_END _Pragma(\"GCC diagnostic pop\")\n"
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
	" * one. The site is <sys/sdt.h>'s own STAP_PROBEn with its _SDT_NOP redefined,\n"
	" * for the whole file: every site of a file that includes this header is\n"
	" * fast, and its notes are <sys/sdt.h>'s. A kernel without the\n"
	" * optimization traps on the 5-byte nop as on the 1-byte one from Linux\n"
	" * 6.16 (both are emulated); before 6.16 it also single-steps it, a second\n"
	" * trap per hit.\n"
	" */\n";

/*
 * Every site is <sys/sdt.h>'s own (STAP_PROBEn), so that its asm statement
 * is spelled in a system header, where the compiler's diagnostics about
 * the operands (-Wuse-after-free on a pointer a probe reports after
 * freeing it, and the like) stay silenced as they are for SystemTap's
 * header. Two of its macros are redefined after it is included.
 *
 * _SDT_ASM_BASE, which follows every site, also writes a keep note.
 * .note.stapsdt is not allocated, and gold, lld and mold do not follow the
 * relocations of such a section when they collect sections: a function
 * with a site that nothing calls (-ffunction-sections -Wl,--gc-sections,
 * or the out-of-line copy of a function ThinLTO inlined everywhere) is
 * discarded while its note stays, and gold refuses the link while lld and
 * mold write a site outside the code; they also drop .stapsdt.base, and
 * gdb then lists no probe. The keep note (owner "sdtkit", type 0x4b454550,
 * two 32-bit offsets from the field, to the site just written, label 990,
 * and to _.stapsdt.base) is allocated: every linker collects from
 * allocated notes (gold by the name .note*, lld and mold by SHT_NOTE) and
 * follows their relocations, so the site's code and .stapsdt.base stay, as
 * ld.bfd keeps them. PC-relative: no dynamic or text relocation. In a
 * COMDAT group (a C++ inline function) it goes in the code's group, as
 * <sys/sdt.h>'s note does. SHF_LINK_ORDER (drop the note with its code)
 * only works with ld.bfd and lld, and mixed with other notes lld -r then
 * drops live ones.
 *
 * _SDT_NOP, the site's instruction, becomes the fast site's 5-byte nop in a
 * file that includes a fast header (--sites=fast; see fastdoc).
 */
static const char keepmacros[] =
	"#ifndef SDTKIT_KEEP\n"
	"#define SDTKIT_KEEP 1\n"
	"/*\n"
	" * Each site also writes an allocated note that refers to it, so that no\n"
	" * linker collects its code under --gc-sections while its .note.stapsdt\n"
	" * entry stays (28 bytes a site; SDTKIT_NO_KEEP leaves it out). It goes in\n"
	" * _SDT_ASM_BASE, which <sys/sdt.h> writes after each site.\n"
	" */\n"
	"#if !defined SDTKIT_NO_KEEP && defined _SDT_ASM_BASE && defined _SDT_ASM_5 && \\\n"
	"\tdefined _SDT_ASM_SECTION_AUTOGROUP_SUPPORT\n"
	"#if _SDT_ASM_SECTION_AUTOGROUP_SUPPORT\n"
	"#define SDTKIT_KEEP_FLAGS \"a?\"\n"
	"#else\n"
	"#define SDTKIT_KEEP_FLAGS \"a\"\n"
	"#endif\n"
	"#undef _SDT_ASM_BASE\n"
	"#define _SDT_ASM_BASE \\\n"
	"\t_SDT_ASM_1(.ifndef _.stapsdt.base) \\\n"
	"\t_SDT_ASM_5(.pushsection .stapsdt.base, \"aG\", \"progbits\", .stapsdt.base, comdat) \\\n"
	"\t_SDT_ASM_1(.weak _.stapsdt.base) \\\n"
	"\t_SDT_ASM_1(.hidden _.stapsdt.base) \\\n"
	"\t_SDT_ASM_1(_.stapsdt.base: .space 1) \\\n"
	"\t_SDT_ASM_2(.size _.stapsdt.base, 1) \\\n"
	"\t_SDT_ASM_1(.popsection) \\\n"
	"\t_SDT_ASM_1(.endif) \\\n"
	"\t_SDT_ASM_3(.pushsection .note.sdtkit.keep, SDTKIT_KEEP_FLAGS, \"note\") \\\n"
	"\t_SDT_ASM_1(.balign 4) \\\n"
	"\t_SDT_ASM_3(.4byte 7, 8, 0x4b454550) \\\n"
	"\t_SDT_ASM_1(.asciz \"sdtkit\") \\\n"
	"\t_SDT_ASM_1(.balign 4) \\\n"
	"\t_SDT_ASM_1(.4byte 990b - .) \\\n"
	"\t_SDT_ASM_1(.4byte _.stapsdt.base - .) \\\n"
	"\t_SDT_ASM_1(.popsection)\n"
	"#endif\n"
	"#endif\n";

/* the fast site: <sys/sdt.h>'s, with the 5-byte nop for the file */
static const char fastmacros[] =
	"#if defined __x86_64__ && !defined __ILP32__ && !defined SDTKIT_SITES_SDT && defined _SDT_NOP\n"
	"#ifndef SDTKIT_NO_RED_ZONE\n"
	"#error \"fast probe sites need -mno-red-zone: compile with -mno-red-zone -DSDTKIT_NO_RED_ZONE (or define SDTKIT_SITES_SDT for standard sites)\"\n"
	"#endif\n"
	"#undef _SDT_NOP\n"
	"#define _SDT_NOP .byte 0x0f; .byte 0x1f; .byte 0x44; .byte 0x00; .byte 0x00\n"
	"#endif\n";

/* how an argument reaches its site */
enum argway {
	AW_RAW,   /* as it is: a struct by value, which no site can carry anyway */
	AW_NUM,   /* converted to an integer, floating or _Bool type */
	AW_PTR,   /* converted to a pointer (any type the .d makes a pointer) */
	AW_USER,  /* a type name of the includer's, not a pointer: at level 2 only */
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

/* whether the word w (n bytes) is a type qualifier */
static int
isqualifier(const char *w, size_t n)
{
	static const char *const quals[] = {"const", "volatile", "restrict", "__restrict", "_Atomic"};
	size_t i;

	for (i = 0; i < sizeof(quals) / sizeof(quals[0]); i++) {
		if (strlen(quals[i]) == n && memcmp(w, quals[i], n) == 0)
			return 1;
	}
	return 0;
}

/* whether a word of s is a type qualifier */
static int
hasqualifier(const char *s)
{
	while (*s) {
		size_t n = strcspn(s, " ");

		if (isqualifier(s, n))
			return 1;
		s += n;
		while (*s == ' ')
			s++;
	}
	return 0;
}

/* whether s holds only blanks and type qualifiers */
static int
onlyqualifiers(const char *s)
{
	while (*s) {
		size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyzA_");

		if (*s == ' ')
			n = 1;
		else if (!isqualifier(s, n))
			return 0;
		s += n;
	}
	return 1;
}

/*
 * Code spelling: no blank before '*', _Bool as SDTKIT_BOOL (bool in
 * C++), _Atomic as SDTKIT_ATOMIC (nothing in C++). Projects run sed over generated headers with edits written for
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
		/* the words replaced below start with '_' or 'r': copy up to the next */
		if (*s != '_' && *s != 'r') {
			size_t n = strcspn(s + 1, " _r") + 1;

			bufadd(out, s, n);
			s += n - 1;
			continue;
		}
		if (strncmp(s, "_Bool", 5) == 0 && !identchar(s[5]) && (s == start || !identchar(s[-1]))) {
			bufputs(out, "SDTKIT_BOOL");
			s += 4;
			continue;
		}
		/* C++ has no _Atomic qualifier (its atomics are classes) */
		if (strncmp(s, "_Atomic", 7) == 0 && !identchar(s[7]) && (s == start || !identchar(s[-1]))) {
			bufputs(out, "SDTKIT_ATOMIC");
			s += 6;
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
 * The type name of an argument of type type (its name at nameoff), as
 * __typeof__ takes it for level 2's local. A parameter's adjustments
 * apply: an array becomes a pointer to its element, a function a pointer
 * to it. What a pointer
 * points to becomes const volatile ("char *" is "const volatile char*",
 * "char **" is "char*const volatile*"): a probe only reads its arguments,
 * so const or volatile data passes.
 */
static void
argtype(struct buf *out, const char *type, size_t nameoff)
{
	struct buf t = {0}, elem = {0};
	const char *post = type + nameoff, *last, *prev = NULL, *s;

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
		bufputs(&t, "(*)");
		if (*post == '[')
			post = strchr(post, ']') + 1;
		bufputs(&t, post);
	} else if (last && !strpbrk(type, "([") && onlyqualifiers(last + 1)) {
		/* a plain pointer: to const volatile (its other qualifiers kept) */
		const char *from, *w;

		for (s = type; s < last; s++)
			if (*s == '*')
				prev = s;
		from = prev ? prev + 1 : type;
		bufadd(&t, type, (size_t)(from - type));
		bufputs(&t, prev ? "const volatile" : "const volatile ");
		for (w = from; w < last;) {
			size_t n = strcspn(w, " *");

			if (n > 0 && !hasword(w, n, "const") && !hasword(w, n, "volatile")) {
				if (prev)
					bufputc(&t, ' ');
				bufadd(&t, w, n);
				if (!prev)
					bufputc(&t, ' ');
			}
			w += n;
			while (w < last && *w == ' ')
				w++;
		}
		bufputs(&t, last);
	} else {
		bufputs(&t, type);
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
	if (a->isstring || a->cpointer || strpbrk(a->ctype, "*(["))
		return AW_PTR;
	if (a->ccls == TC_USER)
		return AW_USER;
	if (o->floatbits && floatsize(a->ctype))
		return AW_BITS;
	return AW_NUM;
}

/* a number type without its qualifiers, which a value does not need ("const int" is "int") */
static void
plaintype(struct buf *out, const char *type)
{
	struct buf t = {0};
	const char *w = type;
	size_t len = strlen(type);

	/* most types: one blank between words, no qualifier, spelled as they are */
	if (len > 0 && type[0] != ' ' && type[len - 1] != ' ' && !strstr(type, "  ") && !hasqualifier(type)) {
		spell(out, type);
		return;
	}
	while (*w) {
		size_t n = strcspn(w, " ");

		if (!isqualifier(w, n)) {
			if (t.len)
				bufputc(&t, ' ');
			bufadd(&t, w, n);
		}
		w += n;
		while (*w == ' ')
			w++;
	}
	spell(out, t.s ? t.s : "");
	buffree(&t);
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

/*
 * How each argument of a probe reaches its site is spelled once per
 * argument, as three macro arguments: its way (SDTKIT_N a number, SDTKIT_P
 * a pointer, SDTKIT_F4 and SDTKIT_F8 a float or double carried as its bits,
 * SDTKIT_U a type name of the includer's, SDTKIT_R as it is), its type, and
 * its value. The way is never a macro: the shared site macros paste it
 * onto L (the local it needs) and A (what reaches the site), and the no-op
 * header's onto S (its level 2 local) and V (what it voids). Pasted, the
 * type serves every level: level 2's locals are declared with
 * __typeof__(type), which takes any type name, pointers to functions
 * included.
 */
static const char waymacros[] =
	"#ifndef SDTKIT_NL\n"
	"#define SDTKIT_NL(type, n, value) SDTKIT_LETN(type, n, value)\n"
	"#define SDTKIT_NA(type, n, value) SDTKIT_ARGN(type, n, value)\n"
	"#define SDTKIT_PL(type, n, value) SDTKIT_LETP(__typeof__(type) __sdtkit_arg##n, n, value)\n"
	"#define SDTKIT_PA(type, n, value) SDTKIT_ARGP(n, value)\n"
	"#define SDTKIT_F4L(type, n, value) SDTKIT_LETF(type, unsigned int, n, value)\n"
	"#define SDTKIT_F4A(type, n, value) SDTKIT_ARGF(type, unsigned int, n, value)\n"
	"#define SDTKIT_F8L(type, n, value) SDTKIT_LETF(type, unsigned long long, n, value)\n"
	"#define SDTKIT_F8A(type, n, value) SDTKIT_ARGF(type, unsigned long long, n, value)\n"
	"#define SDTKIT_UL(type, n, value) SDTKIT_STRICT(__typeof__(type) __sdtkit_arg##n, value)\n"
	"#define SDTKIT_UA(type, n, value) SDTKIT_STRICTARG(__sdtkit_arg##n, value)\n"
	"#define SDTKIT_RL(type, n, value)\n"
	"#define SDTKIT_RA(type, n, value) value\n"
	"#endif\n";

static const char noopways[] =
	"#ifndef SDTKIT_NS\n"
	"#define SDTKIT_NS(type, n, value) SDTKIT_STRICT(__typeof__(type) __sdtkit_arg##n, value)\n"
	"#define SDTKIT_NV(type, n, value) SDTKIT_STRICTARG(__sdtkit_arg##n, value)\n"
	"#define SDTKIT_PS SDTKIT_NS\n#define SDTKIT_PV SDTKIT_NV\n"
	"#define SDTKIT_F4S SDTKIT_NS\n#define SDTKIT_F4V SDTKIT_NV\n"
	"#define SDTKIT_F8S SDTKIT_NS\n#define SDTKIT_F8V SDTKIT_NV\n"
	"#define SDTKIT_US SDTKIT_NS\n#define SDTKIT_UV SDTKIT_NV\n"
	"#define SDTKIT_RS(type, n, value)\n"
	"#define SDTKIT_RV(type, n, value) (value)\n"
	"#endif\n";

/* the way and the type of argument a, as the shared site macros take them */
static void
argspec(struct buf *out, const struct arg *a, enum argway way)
{
	switch (way) {
	case AW_RAW:
		bufputs(out, "SDTKIT_R, ");
		break;
	case AW_NUM:
		bufputs(out, "SDTKIT_N, ");
		break;
	case AW_PTR:
		bufputs(out, "SDTKIT_P, ");
		argtype(out, a->ctype, a->cnameoff);
		return;
	case AW_USER:
		bufputs(out, "SDTKIT_U, ");
		argtype(out, a->ctype, a->cnameoff);
		return;
	case AW_BITS:
		bufputs(out, floatsize(a->ctype) == 4 ? "SDTKIT_F4, " : "SDTKIT_F8, ");
		break;
	}
	plaintype(out, a->ctype);
}

/* the name of the shared macro for a probe of any arity */
static const char *
sharedmacro(const struct headeropts *o)
{
	return o->disabled ? "SDTKIT_NOOP" : "SDTKIT_PROBE";
}

/*
 * The shared macro for probes of n arguments: SDTKIT_PROBEn(provider,
 * name, way1, type1, value1, ...), or the
 * no-op header's SDTKIT_NOOPn(way1, type1, value1, ...).
 */
static void
sitedef(struct buf *out, size_t n, const struct headeropts *o)
{
	const char *mac = sharedmacro(o);
	size_t i;

	bufprintf(out, "#ifndef %s%zu\n#define %s%zu(", mac, n, mac, n);
	if (!o->disabled)
		bufputs(out, n ? "p, m, " : "p, m");
	for (i = 1; i <= n; i++)
		bufprintf(out, "%sw%zu, t%zu, a%zu", i > 1 ? ", " : "", i, i, i);
	if (o->disabled) {
		bufputs(out, ") \\\n\tdo { \\\n\t\tif (0) { \\\n\t\t\t");
		for (i = 1; i <= n; i++)
			bufprintf(out, "w%zu##S(t%zu, %zu, a%zu) ", i, i, i, i);
		bufputs(out, "\\\n\t\t\t");
		for (i = 1; i <= n; i++)
			bufprintf(out, "(void)w%zu##V(t%zu, %zu, a%zu); ", i, i, i, i);
		bufputs(out, "\\\n\t\t} \\\n\t} while (0)\n#endif\n");
		return;
	}
	bufputs(out, ") \\\n\tdo { \\\n\t\tSDTKIT_SITE_BEGIN \\\n");
	if (n > 0) {
		bufputs(out, "\t\t");
		for (i = 1; i <= n; i++)
			bufprintf(out, "w%zu##L(t%zu, %zu, a%zu) ", i, i, i, i);
		bufprintf(out, "\\\n\t\tSTAP_PROBE%zu(p, m", n);
	} else {
		bufprintf(out, "\t\tSTAP_PROBE(p, m");
	}
	for (i = 1; i <= n; i++)
		bufprintf(out, ", w%zu##A(t%zu, %zu, a%zu)", i, i, i, i);
	bufputs(out, "); \\\n\t\tSDTKIT_SITE_END \\\n\t} while (0)\n#endif\n");
}

/* the attributes of a semaphore's declaration, shared by all of them */
static void
semattr(struct buf *out, const struct headeropts *o)
{
	const char *vis = o->sem == SEM_HIDDEN ? "HIDDEN" : "DEFAULT";

	bufprintf(out, "#ifndef SDTKIT_SEMAPHORE_%s\n#define SDTKIT_SEMAPHORE_%s "
	          "__attribute__((__unused__, __section__(\".probes\")%s))\n#endif\n",
	          vis, vis, o->sem == SEM_HIDDEN ? ", __visibility__(\"hidden\")" : "");
}

static void
probe(struct buf *out, const struct provider *pv, const struct probe *p,
      const struct headeropts *o)
{
	char *stem = macroname(o->prefix, pv->name, p->name);
	char plist[sizeof(paramtext)];
	size_t i;

	memcpy(plist, paramtext, paramlen[p->nargs]);
	plist[paramlen[p->nargs]] = '\0';

	bufprintf(out, "\n/* %s:%s(", pv->name, p->name);
	signature(out, p);
	bufputs(out, ") */\n");
	if (!o->disabled && o->sem != SEM_NONE) {
		bufprintf(out, "__extension__ extern unsigned short %s_%s_semaphore SDTKIT_SEMAPHORE_%s;\n"
		          "#define %s_ENABLED() __builtin_expect(%s_%s_semaphore, 0)\n",
		          pv->name, p->name, o->sem == SEM_HIDDEN ? "HIDDEN" : "DEFAULT",
		          stem, pv->name, p->name);
	} else {
		bufprintf(out, "#define %s_ENABLED() (%s)\n", stem, o->disabled ? "0" : "1");
	}

	bufprintf(out, "#define %s(%s) \\\n", stem, plist);
	if (o->disabled && p->nargs == 0) {
		bufputs(out, "\tdo { } while (0)\n");
	} else {
		bufprintf(out, "\t%s%zu(", sharedmacro(o), p->nargs);
		if (!o->disabled)
			bufprintf(out, "%s, %s%s", pv->name, p->name, p->nargs ? ", " : "");
		for (i = 0; i < p->nargs; i++) {
			if (i)
				bufputs(out, ", ");
			argspec(out, &p->args[i], argway(&p->args[i], o));
			bufprintf(out, ", arg%zu", i + 1);
		}
		bufputs(out, ")\n");
	}
	free(stem);
}

void
header(const struct model *m, const struct headeropts *o, struct buf *out)
{
	size_t i, j;
	unsigned arities = 0; /* bit n: a probe of n arguments */

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
		bufputs(out, sitepragmas);
		bufputs(out, keepmacros);
		if (o->fastsites)
			bufprintf(out, "%s%s", fastdoc, fastmacros);
	}
	/* both headers: code that compiles with one compiles with the other */
	for (i = 0; i < m->nstdheaders; i++)
		bufprintf(out, "#include <%s>\n", m->stdheaders[i]);
	bufputs(out, "\n");
	bufputs(out, o->disabled ? noopdoc : convdoc);
	bufputs(out, checkmacros);
	if (!o->disabled) {
		bufputs(out, convmacros);
		bufputs(out, convcxx);
		bufputs(out, convcxx2);
		bufputs(out, convnone);
		bufputs(out, waymacros);
		if (o->sem != SEM_NONE)
			semattr(out, o);
	} else {
		bufputs(out, noopways);
	}
	for (i = 0; i < m->nproviders; i++) {
		for (j = 0; j < m->providers[i].nprobes; j++)
			arities |= 1u << m->providers[i].probes[j].nargs;
	}
	for (i = 0; i <= SDT_MAXARGS; i++) {
		if ((arities & (1u << i)) && !(o->disabled && i == 0))
			sitedef(out, i, o);
	}
	bufputs(out, "\n");
	bufputs(out, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n");
	if (m->ntags > 0) {
		/* level 2's declarations name them (at level 1 a pointer is a 'const void *') */
		bufputs(out, "\n#if SDTKIT_TYPECHECK >= 2\n");
		for (i = 0; i < m->ntags; i++)
			bufprintf(out, "%s;\n", m->tags[i]);
		bufputs(out, "#endif\n");
	}
	for (i = 0; i < m->nproviders; i++) {
		for (j = 0; j < m->providers[i].nprobes; j++)
			probe(out, &m->providers[i], &m->providers[i].probes[j], o);
	}
	bufputs(out, "\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n");
}
