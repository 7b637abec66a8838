/* SPDX-License-Identifier: MIT */
/* readers.c: which tracers can read a probe argument, by the form of its operand */
#include <elf.h>
#include <stdlib.h>
#include <string.h>

#include "readers.h"
#include "util.h"

/*
 * <sys/sdt.h> lets the compiler choose each argument's operand ("nor": a
 * constant, memory or a register), and the tracers each parse the operand
 * text themselves. What one cannot read depends on the form of the operand,
 * not on the probe: the same probe reads everywhere under one build and
 * nowhere under another. Each argument is sorted into forms (a double in a
 * register is "floating-point"; ".LC0(%rip)" is "symbolic" and a "local
 * label"), and the rules below say, per form and machine, which tracers
 * cannot read it. Measured on Debian 12 (x86-64) with gdb 13.1,
 * bpftrace 0.17 over bcc 0.26 and SystemTap 4.8 (stap -p2); what could not
 * be run here (libbpf, bcc on its own, other machines) cites the report.
 * The first rule that matches gives the reason: the most specific first.
 *
 * What a tracer does after an argument it cannot read is part of the
 * verdict too: gdb and bcc's parser (so bpftrace) lose the site's later
 * arguments as well, libbpf refuses to attach the probe, SystemTap refuses
 * only a script that reads that argument.
 */

enum scope {
	SCOPE_ARG,   /* only that argument */
	SCOPE_REST,  /* that argument and the site's later ones */
	SCOPE_PROBE, /* the whole probe: it is not attached */
};

static const struct {
	const char *name, *label;
	enum scope scope;
} tracers[NTRACERS] = {
	/* "Unknown numeric token on expression `8f@%rax'": $_probe_argc counts the
	   arguments before it */
	[TRACER_GDB] = {"gdb", "gdb 13", SCOPE_REST},
	/* usdt_args.cc prints "Parse error" and its parser is lost for the rest of
	   the argument string ("couldn't get argument 0" for "8f@%xmm0 -8@%rdi") */
	[TRACER_BCC] = {"bcc", "bcc", SCOPE_REST},
	/* usdt.c: "usdt: unrecognized arg #0 spec ...", and the attach fails
	   (-EINVAL), libbpf#559 */
	[TRACER_LIBBPF] = {"libbpf", "libbpf", SCOPE_PROBE},
	/* bpftrace 0.17 reads arguments through bcc's parser */
	[TRACER_BPFTRACE] = {"bpftrace", "bpftrace 0.17", SCOPE_REST},
	/* "Can't parse SDT_V3 operand": a semantic error where the script reads it */
	[TRACER_SYSTEMTAP] = {"systemtap", "SystemTap", SCOPE_ARG},
};

/* the forms of operand the rules know */
enum form {
	F_FLOAT,      /* noted floating-point: "8f@%rax", "4f@-44(%rbp)", "8f@v0" */
	F_VECREG,     /* in a vector register: "%xmm0", "v0" */
	F_SYMBOL,     /* a symbolic displacement: "gl(%rip)", "[x1, #:lo12:.LANCHOR0]" */
	F_LOCALLABEL, /* one naming a local label no symbol table holds: ".LC0(%rip)" */
	F_SEGMENT,    /* segment-relative: "%fs:tl@tpoff" */
	F_WIDE,       /* wider than 8 bytes: "-16@%rsi" (__int128), "24@8(%rsp)" (a struct) */
	F_NODISP,     /* memory with no displacement written: "8@(%rsp)" */
	F_BYVALUE,    /* declared a struct or union passed by value */
	NFORMS
};

#define T(t) (1u << TRACER_##t)
#define ALL ((1u << NTRACERS) - 1)

static const struct rule {
	enum form form;
	int machine;      /* e_machine, or 0 for every machine */
	tracerset cannot;
	const char *why;
} rules[] = {
	/* gdb 13: "Invalid operator `:'"; bcc 0.26: "Parse error" at the ':';
	   stap 4.8: "Can't parse SDT_V3 operand"; not one of libbpf's forms */
	{F_SEGMENT, 0, ALL, "a segment-relative (thread-local) operand"},
	/* gdb 13: "Unknown numeric token"; bpftrace 0.17 aborts (an assertion
	   on the size); libbpf takes sizes 1, 2, 4 and 8; bcc and SystemTap
	   read 8 bytes of it at most */
	{F_WIDE, 0, ALL, "wider than 8 bytes"},
	/* gdb 13: "Unknown numeric token"; bpftrace 0.17 (bcc 0.26): "Parse error"
	   at the 'f', "couldn't get argument"; libbpf's specs are "%d@" then the
	   operand. SystemTap reads the bits (stap -p2 types it 'long'), except
	   where the operand itself is one it cannot parse (below). */
	{F_FLOAT, 0, T(GDB) | T(BCC) | T(LIBBPF) | T(BPFTRACE), "a floating-point operand"},
	/* bcc#3880 added %xmm0-15 to bcc's x86-64 parser (bcc 0.24); pt_regs,
	   which libbpf and bpftrace 0.17 read registers from, has no xmm */
	{F_VECREG, EM_X86_64, T(LIBBPF) | T(BPFTRACE), "a vector register"},
	/* libbpf#796: "unrecognized register 'v0'"; bcc's aarch64 parser takes
	   xN and sp only */
	{F_VECREG, EM_AARCH64, T(LIBBPF) | T(BCC) | T(BPFTRACE), "a vector register"},
	/* stap 4.8: "Can't parse SDT_V3 operand '.LC0(%rip)'", with or without
	   debuginfo; bcc finds no such symbol */
	{F_LOCALLABEL, 0, T(SYSTEMTAP) | T(BCC), "an address in a local label ('.L')"},
	/* gdb 13: "Cannot parse expression `gl(%rip)'"; bpftrace 0.17: "deref
	   ident is not handled yet [gl]", and it reads a wrong value; libbpf's
	   displacements are numbers. bcc resolves a global symbol of x86-64 */
	{F_SYMBOL, 0, T(GDB) | T(LIBBPF) | T(BPFTRACE), "a symbolic address"},
	/* bcc#4185: "Parse error" on "[x21, #:lo12:.LANCHOR2]" */
	{F_SYMBOL, EM_AARCH64, T(BCC), "a symbolic address"},
	/* libbpf#559: "8@(%rsp)" is not "8@0(%rsp)" (libbpf 1.0) */
	{F_NODISP, EM_X86_64, T(LIBBPF), "a memory operand without a displacement"},
	/* bpftrace#3798: the BPF verifier refuses the program of later bpftrace
	   releases (0.17 reads the bytes of one up to 8 bytes wide) */
	{F_BYVALUE, 0, T(BPFTRACE), "a struct or union passed by value"},
};

/* the register name prefixes of vector registers, by machine (a number follows) */
static const struct {
	int machine;
	const char *prefix;
} vecregs[] = {
	{EM_X86_64, "xmm"}, {EM_X86_64, "ymm"}, {EM_386, "xmm"}, {EM_AARCH64, "v"},
	{EM_AARCH64, "q"}, {EM_AARCH64, "d"}, {EM_AARCH64, "s"},
};

const char *
tracername(enum tracer t)
{
	return tracers[t].name;
}

const char *
tracerlabel(enum tracer t)
{
	return tracers[t].label;
}

int
tracerbyname(const char *name, size_t len)
{
	size_t t;

	for (t = 0; t < NTRACERS; t++) {
		if (strlen(tracers[t].name) == len && strncmp(tracers[t].name, name, len) == 0)
			return (int)t;
	}
	return -1;
}

void
tracerwords(struct buf *b, tracerset s)
{
	size_t t, n = 0, k = 0;

	for (t = 0; t < NTRACERS; t++)
		n += (s >> t) & 1;
	for (t = 0; t < NTRACERS; t++) {
		if (!((s >> t) & 1))
			continue;
		bufprintf(b, "%s%s", k == 0 ? "" : k + 1 == n ? " and " : ", ", tracers[t].label);
		k++;
	}
}

static int
isvecreg(int em, const char *reg)
{
	size_t i, n;

	for (i = 0; i < LEN(vecregs); i++) {
		n = strlen(vecregs[i].prefix);
		if (vecregs[i].machine == em && strncmp(reg, vecregs[i].prefix, n) == 0 &&
		    reg[n] >= '0' && reg[n] <= '9')
			return 1;
	}
	return 0;
}

/* the size the spec says, whatever it is ("-16@..." -> 16), or 0 */
static long
specsize(const struct sitearg *a)
{
	const char *s = a->spec;
	size_t i = 0;
	long n = 0;

	if (i < a->speclen && s[i] == '-')
		i++;
	while (i < a->speclen && s[i] >= '0' && s[i] <= '9' && n < 1000)
		n = n * 10 + (s[i++] - '0');
	return n;
}

/* the operand's text ("(%rsp)" of "8@(%rsp)"), or NULL */
static const char *
operand(const struct sitearg *a, size_t *len)
{
	const char *at = memchr(a->spec, '@', a->speclen);

	if (!at)
		return NULL;
	*len = a->speclen - (size_t)(at + 1 - a->spec);
	return at + 1;
}

/* the forms of argument a, as bits (1 << form) */
static unsigned
forms(int em, const struct sitearg *a, int byvalue)
{
	unsigned f = 0;
	size_t len;
	const char *op = operand(a, &len);

	if (a->isfloat)
		f |= 1u << F_FLOAT;
	if (specsize(a) > 8)
		f |= 1u << F_WIDE;
	if (byvalue)
		f |= 1u << F_BYVALUE;
	if (op && len > 0 && op[0] == '(')
		f |= 1u << F_NODISP;
	if (op && memchr(op, ':', len) && op[0] == '%' && len > 3 && op[3] == ':')
		f |= 1u << F_SEGMENT; /* "%fs:..." */
	if (!a->hasop)
		return f;
	if (a->op.segment[0])
		f |= 1u << F_SEGMENT;
	if (a->op.kind == ARG_REG && isvecreg(em, a->op.reg))
		f |= 1u << F_VECREG;
	if (a->op.kind != ARG_REG && a->op.symbol[0]) {
		const char *sym = a->op.symbol;

		f |= 1u << F_SYMBOL;
		while (*sym == ':' || (*sym >= 'a' && *sym <= 'z') || (*sym >= '0' && *sym <= '9'))
			sym++; /* aarch64 ":lo12:" */
		if (strncmp(sym, ".L", 2) == 0)
			f |= 1u << F_LOCALLABEL;
	}
	return f;
}

void
siteverdicts(int em, const struct sitearg *args, size_t n, const int *byvalue,
             struct readverdict *out)
{
	size_t i, r, t;
	size_t first[NTRACERS];

	for (t = 0; t < NTRACERS; t++)
		first[t] = n;
	for (i = 0; i < n; i++) {
		unsigned f = forms(em, &args[i], byvalue && byvalue[i]);

		memset(&out[i], 0, sizeof(out[i]));
		for (r = 0; r < LEN(rules); r++) {
			if (!((f >> rules[r].form) & 1) || (rules[r].machine && rules[r].machine != em))
				continue;
			for (t = 0; t < NTRACERS; t++) {
				if (((rules[r].cannot >> t) & 1) && !((out[i].cannot >> t) & 1)) {
					out[i].cannot |= 1u << t;
					out[i].why[t] = rules[r].why;
				}
			}
		}
		for (t = 0; t < NTRACERS; t++) {
			if (((out[i].cannot >> t) & 1) && first[t] == n)
				first[t] = i;
		}
	}
	/* what a tracer loses beyond the argument itself */
	for (t = 0; t < NTRACERS; t++) {
		size_t from = tracers[t].scope == SCOPE_PROBE ? 0 : first[t] + 1;

		if (first[t] == n || tracers[t].scope == SCOPE_ARG)
			continue;
		for (i = from; i < n; i++) {
			if (!((out[i].cannot >> t) & 1)) {
				out[i].cannot |= 1u << t;
				out[i].why[t] = NULL;
				out[i].after[t] = first[t];
			}
		}
	}
}

void
verdictwhy(struct buf *b, const struct readverdict *v, enum tracer t)
{
	if (v->why[t])
		bufputs(b, v->why[t]);
	else if (tracers[t].scope == SCOPE_PROBE)
		bufprintf(b, "%s attaches no probe with an argument it cannot read (argument %zu)",
		          tracers[t].label, v->after[t] + 1);
	else
		bufprintf(b, "lost with argument %zu", v->after[t] + 1);
}

tracerset
floatcannot(void)
{
	size_t r;

	for (r = 0; r < LEN(rules); r++) {
		if (rules[r].form == F_FLOAT)
			return rules[r].cannot;
	}
	return 0;
}
