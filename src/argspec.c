/* SPDX-License-Identifier: MIT */
/* argspec.c: parsing SDT argument specs ("-4@8(%rbp)") by the ELF file's machine */
#include <elf.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "argspec.h"
#include "util.h"

/*
 * Each argument of a probe is described by "[-]SIZE[f]@OPERAND": SIZE is
 * the value's size in bytes (1, 2, 4 or 8), '-' marks a signed value, 'f'
 * a floating-point one, and OPERAND is whatever the compiler chose to
 * satisfy the asm constraint of <sys/sdt.h> ("nor", "nZr" on powerpc, "g"
 * on arm), printed in the target assembler's syntax. Specs are separated
 * by single spaces. What gcc 12 prints, per machine:
 *
 *   x86-64   -4@%eax  8@-112(%rbp)  -4@-72(%rsp,%rcx,8)  -8@(%rax,%rdx,8)
 *            -4@gcount(%rip)  -8@24+gtab(%rip)  -4@$5  -8@$-42
 *            -4@%fs:tv@tpoff (a thread-local variable)
 *   i386     -4@gtab@GOTOFF(%ebx,%eax,4)  -4@12(%ebx,%eax)  -4@$5  -4@gtab+12 (non-PIC)
 *   aarch64  -4@x4  8@[sp]  4f@[sp, 92]  -4@[x5, #:lo12:.LANCHOR1]  -4@5
 *   arm      -1@ip  -4@[r7, #4]  -4@[r2, r5, lsl #2]  -4@#-42
 *   riscv    -4@a1  8@-128(s0)  -4@5          (non-PIC: -4@%lo(gcount)(a4))
 *   powerpc  -4@9 (that is r9)  8@0(7)  -4@10,7 (r10 + r7)  -4@i5 -8@i-42
 *   s390x    -4@%r1  8@160(%r11)  -4@180(%r5,%r15) (D(X,B): index r5)  -4@5
 *
 * The machine comes from the ELF file's e_machine, never from the host,
 * so that any file can be read anywhere. The differences are data: a
 * register table and a few syntax flags per machine.
 */

enum {
	SIZEMAX_DIGITS = 2, /* "8", "-4", "8f": sizes have one digit, allow a typo more */
	SHIFTMAX = 3,       /* arm "lsl #3" scales by at most 8 */
};

/* registers "PREFIX<lo..hi>SUFFIX" */
struct regrange {
	const char *prefix;
	int lo, hi;
	const char *suffix;
};

struct regset {
	const char *const *names;      /* NULL-terminated */
	const struct regrange *ranges; /* ends with a NULL prefix */
};

enum {
	SYN_PAREN = 1 << 0,      /* memory is "disp(base)" (else "[base, off]") */
	SYN_BAREIMM = 1 << 1,    /* a bare number is an immediate */
	SYN_BAREREG = 1 << 2,    /* a bare number 0..31 names general register rN (powerpc) */
	SYN_INDEXFIRST = 1 << 3, /* "disp(index,base)": s390's D(X,B) */
	SYN_SCALE = 1 << 4,      /* "disp(base,index,scale)": x86 */
	SYN_SEGMENT = 1 << 5,    /* "%fs:disp(...)": x86 */
	SYN_PAIR = 1 << 6,       /* "rA,rB": powerpc indexed addressing */
	SYN_RELOCOP = 1 << 7,    /* "%lo(sym)" displacements: riscv */
	SYN_ABSMEM = 1 << 8,     /* a bare symbol expression is an absolute memory operand: x86 */
	SYN_REGPFXOPT = 1 << 9,  /* the register prefix '%' may be left out: powerpc */
	SYN_HASHOPT = 1 << 10,   /* '#' before immediates and offsets is optional: aarch64 */
};

struct syntax {
	int em;
	const char *name;
	char regprefix;        /* '%' or 0 */
	char immprefix;        /* '$', '#', 'i' or 0 */
	unsigned flags;
	const struct regset *regs;
};

static const char *const x86_64_names[] = {
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "rip",
	"eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip",
	"ax", "bx", "cx", "dx", "si", "di", "bp", "sp",
	"al", "bl", "cl", "dl", "sil", "dil", "bpl", "spl", "ah", "bh", "ch", "dh",
	"cs", "ds", "es", "fs", "gs", "ss", NULL,
};
static const struct regrange x86_64_ranges[] = {
	{"r", 8, 15, ""}, {"r", 8, 15, "d"}, {"r", 8, 15, "w"}, {"r", 8, 15, "b"},
	{"xmm", 0, 31, ""}, {"ymm", 0, 31, ""}, {"st", 0, 7, ""}, {NULL, 0, 0, NULL},
};
static const char *const i386_names[] = {
	"eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip",
	"ax", "bx", "cx", "dx", "si", "di", "bp", "sp",
	"al", "bl", "cl", "dl", "ah", "bh", "ch", "dh", "cs", "ds", "es", "fs", "gs", "ss", NULL,
};
static const struct regrange i386_ranges[] = {
	{"xmm", 0, 7, ""}, {"st", 0, 7, ""}, {NULL, 0, 0, NULL},
};
static const char *const aarch64_names[] = {"sp", "wsp", "xzr", "wzr", "fp", "lr", NULL};
static const struct regrange aarch64_ranges[] = {
	{"x", 0, 30, ""}, {"w", 0, 30, ""}, {"b", 0, 31, ""}, {"h", 0, 31, ""},
	{"s", 0, 31, ""}, {"d", 0, 31, ""}, {"q", 0, 31, ""}, {"v", 0, 31, ""},
	{NULL, 0, 0, NULL},
};
static const char *const arm_names[] = {"sp", "lr", "pc", "fp", "ip", "sl", "sb", NULL};
static const struct regrange arm_ranges[] = {
	{"r", 0, 15, ""}, {"s", 0, 31, ""}, {"d", 0, 31, ""}, {"q", 0, 15, ""},
	{NULL, 0, 0, NULL},
};
static const char *const riscv_names[] = {"zero", "ra", "sp", "gp", "tp", "fp", NULL};
static const struct regrange riscv_ranges[] = {
	{"x", 0, 31, ""}, {"f", 0, 31, ""}, {"t", 0, 6, ""}, {"s", 0, 11, ""}, {"a", 0, 7, ""},
	{"ft", 0, 11, ""}, {"fs", 0, 11, ""}, {"fa", 0, 7, ""}, {NULL, 0, 0, NULL},
};
static const char *const none_names[] = {NULL};
static const struct regrange ppc_ranges[] = {
	{"r", 0, 31, ""}, {"f", 0, 31, ""}, {"v", 0, 31, ""}, {"vs", 0, 63, ""},
	{NULL, 0, 0, NULL},
};
static const struct regrange s390_ranges[] = {
	{"r", 0, 15, ""}, {"f", 0, 15, ""}, {"a", 0, 15, ""}, {"v", 0, 31, ""},
	{NULL, 0, 0, NULL},
};

static const struct regset x86_64_regs = {x86_64_names, x86_64_ranges};
static const struct regset i386_regs = {i386_names, i386_ranges};
static const struct regset aarch64_regs = {aarch64_names, aarch64_ranges};
static const struct regset arm_regs = {arm_names, arm_ranges};
static const struct regset riscv_regs = {riscv_names, riscv_ranges};
static const struct regset ppc_regs = {none_names, ppc_ranges};
static const struct regset s390_regs = {none_names, s390_ranges};

#define X86FLAGS (SYN_PAREN | SYN_SCALE | SYN_SEGMENT | SYN_ABSMEM)

static const struct syntax syntaxes[] = {
	{EM_X86_64, "x86_64", '%', '$', X86FLAGS, &x86_64_regs},
	{EM_386, "i386", '%', '$', X86FLAGS, &i386_regs},
	{EM_AARCH64, "aarch64", 0, '#', SYN_BAREIMM | SYN_HASHOPT, &aarch64_regs},
	{EM_ARM, "arm", 0, '#', 0, &arm_regs},
	{EM_RISCV, "riscv", 0, 0, SYN_PAREN | SYN_BAREIMM | SYN_RELOCOP, &riscv_regs},
	{EM_PPC64, "powerpc", '%', 'i', SYN_PAREN | SYN_BAREREG | SYN_PAIR | SYN_REGPFXOPT, &ppc_regs},
	{EM_PPC, "powerpc", '%', 'i', SYN_PAREN | SYN_BAREREG | SYN_PAIR | SYN_REGPFXOPT, &ppc_regs},
	{EM_S390, "s390", '%', 0, SYN_PAREN | SYN_BAREIMM | SYN_INDEXFIRST, &s390_regs},
};

static const struct syntax *
syntaxfor(int em)
{
	size_t i;

	for (i = 0; i < LEN(syntaxes); i++)
		if (syntaxes[i].em == em)
			return &syntaxes[i];
	return NULL;
}

const char *
argsyntaxname(int em)
{
	const struct syntax *s = syntaxfor(em);

	return s ? s->name : NULL;
}

/* a cursor over the operand text, with the error buffer */
struct cur {
	const char *p, *end;
	const struct syntax *syn;
	char *err;
	size_t errlen;
};

static int
bad(struct cur *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->err, c->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int
isdig(int ch)
{
	return ch >= '0' && ch <= '9';
}

static int
isalpha_(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}

static int
hexval(int ch)
{
	if (isdig(ch))
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* is name (n bytes) a register of the set? */
static int
isreg(const struct regset *rs, const char *name, size_t n)
{
	const struct regrange *r;
	size_t i;

	for (i = 0; rs->names[i]; i++)
		if (strlen(rs->names[i]) == n && memcmp(rs->names[i], name, n) == 0)
			return 1;
	for (r = rs->ranges; r->prefix; r++) {
		size_t pl = strlen(r->prefix), sl = strlen(r->suffix), d;
		int v = 0;

		if (n <= pl + sl || memcmp(name, r->prefix, pl) != 0 ||
		    memcmp(name + n - sl, r->suffix, sl) != 0)
			continue;
		for (d = pl; d < n - sl && isdig(name[d]) && v <= r->hi; d++)
			v = v * 10 + (name[d] - '0');
		/* all digits, no leading zero, in range */
		if (d == n - sl && !(name[pl] == '0' && n - sl - pl > 1) && v >= r->lo && v <= r->hi)
			return 1;
	}
	return 0;
}

/* an unsigned number, decimal or 0x hex; 0 and the value, or -1 */
static int
number(struct cur *c, uint64_t *v)
{
	const char *p = c->p;
	uint64_t x = 0;
	int base = 10, d;

	if (p >= c->end || !isdig(*p))
		return bad(c, "expected a number");
	if (c->end - p > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && hexval(p[2]) >= 0) {
		base = 16;
		p += 2;
	}
	for (; p < c->end && (d = hexval(*p)) >= 0 && d < base; p++) {
		if (x > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return bad(c, "number out of range");
		x = x * (uint64_t)base + (uint64_t)d;
	}
	if (p < c->end && (isalpha_(*p) || isdig(*p)))
		return bad(c, "malformed number");
	c->p = p;
	*v = x;
	return 0;
}

static int
issymch(int ch, int first)
{
	return isalpha_(ch) || ch == '.' || ch == '$' || ch == '@' || ch == ':' ||
	       (!first && isdig(ch));
}

/*
 * A displacement or immediate: terms joined by '+' or '-', each a number
 * or a symbol ("24+gtab", "gtab@GOTOFF", ":lo12:.LANCHOR1", "%lo(x)").
 * Stops at stop characters or the end. Numbers sum into *v, the one
 * symbol allowed goes into sym.
 */
static int
expr(struct cur *c, const char *stops, int64_t *v, char *sym)
{
	uint64_t sum = 0;
	int neg = 0, nterms = 0;

	sym[0] = '\0';
	if (c->p < c->end && (*c->p == '-' || *c->p == '+'))
		neg = *c->p++ == '-';
	for (;;) {
		const char *s = c->p;

		if (c->p < c->end && isdig(*c->p)) {
			uint64_t x;

			if (number(c, &x) < 0)
				return -1;
			sum = neg ? sum - x : sum + x;
		} else {
			if ((c->syn->flags & SYN_RELOCOP) && c->p < c->end && *c->p == '%') {
				/* %lo(sym), %pcrel_lo(.L1): up to the matching ')' */
				const char *q = memchr(c->p, ')', (size_t)(c->end - c->p));
				if (!q || !memchr(c->p, '(', (size_t)(q - c->p)))
					return bad(c, "malformed relocation operator");
				c->p = q + 1;
			} else {
				while (c->p < c->end && issymch(*c->p, c->p == s))
					c->p++;
			}
			if (c->p == s)
				return bad(c, c->p < c->end ? "unexpected '%c'" : "missing operand",
				           c->p < c->end ? *c->p : 0);
			if (neg)
				return bad(c, "negated symbol '%.*s'", (int)(c->p - s), s);
			if (sym[0])
				return bad(c, "more than one symbol in '%.*s'", (int)(c->p - s), s);
			if ((size_t)(c->p - s) >= ARGSYMMAX)
				return bad(c, "symbol longer than %d bytes", ARGSYMMAX - 1);
			memcpy(sym, s, (size_t)(c->p - s));
			sym[c->p - s] = '\0';
		}
		nterms++;
		if (c->p >= c->end || strchr(stops, *c->p))
			break;
		if (*c->p != '+' && *c->p != '-')
			return bad(c, "unexpected '%c'", *c->p);
		neg = *c->p++ == '-';
	}
	*v = (int64_t)sum;
	return nterms ? 0 : bad(c, "missing operand");
}

/* a register at the cursor, up to a stop character; its name goes into out without prefix */
static int
reg(struct cur *c, const char *stops, char *out)
{
	const struct syntax *syn = c->syn;
	const char *s = c->p, *e;
	int pfx = 0;

	while (c->p < c->end && *c->p == ' ')
		s = ++c->p;
	for (e = s; e < c->end && !strchr(stops, *e); e++)
		;
	while (e > s && e[-1] == ' ')
		e--;
	if (syn->regprefix && s < e && *s == syn->regprefix) {
		s++;
		pfx = 1;
	}
	if (syn->regprefix && !pfx && !(syn->flags & SYN_REGPFXOPT))
		return bad(c, "expected a register ('%c' and a name)", syn->regprefix);
	if ((syn->flags & SYN_BAREREG) && s < e && isdig(*s)) {
		/* powerpc without -mregnames: "31" is r31 */
		int v = 0;
		const char *q;

		for (q = s; q < e && isdig(*q) && v < 100; q++)
			v = v * 10 + (*q - '0');
		if (q != e || v > 31 || (*s == '0' && e - s > 1))
			return bad(c, "'%.*s' is not a register", (int)(e - s), s);
		snprintf(out, ARGREGMAX, "r%d", v);
		c->p = e;
		return 0;
	}
	if (s == e)
		return bad(c, "missing register");
	if ((size_t)(e - s) >= ARGREGMAX || !isreg(syn->regs, s, (size_t)(e - s)))
		return bad(c, "unknown %s register '%.*s'", syn->name, (int)(e - s), s);
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
	c->p = e;
	return 0;
}

static int
expect(struct cur *c, char ch)
{
	if (c->p >= c->end || *c->p != ch)
		return c->p < c->end ? bad(c, "expected '%c', found '%c'", ch, *c->p)
		                     : bad(c, "expected '%c' at the end", ch);
	c->p++;
	return 0;
}

static void
skipspace(struct cur *c)
{
	while (c->p < c->end && *c->p == ' ')
		c->p++;
}

/* "disp(regs)" with the '(' at open: x86, riscv, powerpc, s390 */
static int
parenmem(struct cur *c, const char *open, struct argop *op)
{
	const struct syntax *syn = c->syn;
	struct cur d = *c;
	char r1[ARGREGMAX] = "", r2[ARGREGMAX] = "";
	int n = 0;

	op->kind = ARG_MEM;
	d.end = open;
	if (open > c->p && expr(&d, "", &op->offset, op->symbol) < 0)
		return -1;
	c->p = open + 1;
	if (c->p < c->end && *c->p != ',' && reg(c, ",)", r1) < 0)
		return -1;
	n = 1;
	if (c->p < c->end && *c->p == ',') {
		c->p++;
		if (reg(c, ",)", r2) < 0)
			return -1;
		n = 2;
		if (c->p < c->end && *c->p == ',') {
			uint64_t sc;

			if (!(syn->flags & SYN_SCALE))
				return bad(c, "unexpected ','");
			c->p++;
			if (number(c, &sc) < 0)
				return -1;
			if (sc != 1 && sc != 2 && sc != 4 && sc != 8)
				return bad(c, "scale %llu is not 1, 2, 4 or 8", (unsigned long long)sc);
			op->scale = (int)sc;
		}
	}
	if (expect(c, ')') < 0)
		return -1;
	if (c->p != c->end)
		return bad(c, "trailing '%.*s'", (int)(c->end - c->p), c->p);
	if (n == 2 && (syn->flags & SYN_INDEXFIRST)) {
		memcpy(op->index, r1, sizeof(r1));
		memcpy(op->base, r2, sizeof(r2));
	} else {
		memcpy(op->base, r1, sizeof(r1));
		memcpy(op->index, r2, sizeof(r2));
	}
	if (op->index[0] && !op->scale)
		op->scale = 1;
	if (!op->base[0] && !(syn->flags & SYN_SCALE))
		return bad(c, "missing base register");
	if (!op->base[0] && !op->index[0])
		return bad(c, "no register in '()'");
	return 0;
}

/* "[base]", "[base, #off]", "[base, off]", "[base, index]", "[base, index, lsl #k]": arm, aarch64 */
static int
bracketmem(struct cur *c, struct argop *op)
{
	const struct syntax *syn = c->syn;

	op->kind = ARG_MEM;
	c->p++;
	if (reg(c, ",]", op->base) < 0)
		return -1;
	if (c->p < c->end && *c->p == ',') {
		c->p++;
		skipspace(c);
		if (c->p < c->end && (*c->p == syn->immprefix || isdig(*c->p) || *c->p == '-')) {
			if (*c->p == syn->immprefix)
				c->p++;
			else if (!(syn->flags & SYN_HASHOPT))
				return bad(c, "expected '%c' before the offset", syn->immprefix);
			if (expr(c, "]", &op->offset, op->symbol) < 0)
				return -1;
		} else {
			if (reg(c, ",]", op->index) < 0)
				return -1;
			op->scale = 1;
			if (c->p < c->end && *c->p == ',') {
				uint64_t k;

				c->p++;
				skipspace(c);
				if (c->end - c->p < 4 || memcmp(c->p, "lsl ", 4) != 0)
					return bad(c, "only 'lsl' shifts are supported");
				c->p += 4;
				skipspace(c);
				if (c->p < c->end && *c->p == '#')
					c->p++;
				if (number(c, &k) < 0)
					return -1;
				if (k > SHIFTMAX)
					return bad(c, "shift %llu is larger than %d", (unsigned long long)k,
					           SHIFTMAX);
				op->scale = 1 << k;
			}
		}
	}
	if (expect(c, ']') < 0)
		return -1;
	if (c->p != c->end)
		return bad(c, "trailing '%.*s'", (int)(c->end - c->p), c->p);
	return 0;
}

static int
operand(struct cur *c, struct argop *op)
{
	const struct syntax *syn = c->syn;
	const char *p = c->p, *open;
	size_t n = (size_t)(c->end - p);

	if (n == 0)
		return bad(c, "missing operand");
	if (!(syn->flags & SYN_PAREN) && *p == '[')
		return bracketmem(c, op);
	if (syn->immprefix && *p == syn->immprefix &&
	    !(syn->immprefix == 'i' && n > 1 && !isdig(p[1]) && p[1] != '-')) {
		op->kind = ARG_IMM;
		c->p++;
		if (expr(c, "", &op->imm, op->symbol) < 0)
			return -1;
		return 0;
	}
	if ((syn->flags & SYN_SEGMENT) && n > 4 && p[0] == '%' && p[3] == ':') {
		/* %fs:disp(...) or %fs:sym */
		struct cur s = *c;

		s.end = p + 3;
		if (reg(&s, "", op->segment) < 0)
			return -1;
		c->p = p + 4;
		p = c->p;
		n = (size_t)(c->end - p);
		if (n == 0)
			return bad(c, "missing operand after the segment");
	}
	/* a memory operand ends with "(...)"; its '(' is the last one */
	if ((syn->flags & SYN_PAREN) && p[n - 1] == ')') {
		for (open = c->end - 1; open > p && *open != '('; open--)
			;
		if (*open != '(')
			return bad(c, "unbalanced ')'");
		return parenmem(c, open, op);
	}
	if (op->segment[0] || ((syn->flags & SYN_ABSMEM) && *p != syn->regprefix)) {
		/* x86 absolute memory: "gcount", "gcount+4", "%fs:x@tpoff" */
		op->kind = ARG_MEM;
		return expr(c, "", &op->offset, op->symbol);
	}
	if ((syn->flags & SYN_PAIR) && memchr(p, ',', n)) {
		/* powerpc "rA,rB": the sum of two registers */
		op->kind = ARG_MEM;
		if (reg(c, ",", op->base) < 0 || expect(c, ',') < 0 || reg(c, "", op->index) < 0)
			return -1;
		op->scale = 1;
		return 0;
	}
	if ((syn->flags & SYN_BAREIMM) && (isdig(*p) || *p == '-' || *p == '+')) {
		op->kind = ARG_IMM;
		return expr(c, "", &op->imm, op->symbol);
	}
	op->kind = ARG_REG;
	if (reg(c, "", op->reg) < 0)
		return -1;
	if (c->p != c->end)
		return bad(c, "trailing '%.*s'", (int)(c->end - c->p), c->p);
	return 0;
}

int
argparse(int em, const char *spec, size_t len, struct sitearg *a, char *err, size_t errlen)
{
	struct cur c = {spec, spec + len, syntaxfor(em), err, errlen};
	const char *at = memchr(spec, '@', len);
	const char *p = spec;
	int size = 0;

	memset(a, 0, sizeof(*a));
	a->spec = spec;
	a->speclen = len;
	if (!at)
		return bad(&c, "no '@' after the size");
	if (p < at && *p == '-') {
		a->issigned = 1;
		p++;
	}
	if (p == at || !isdig(*p))
		return bad(&c, "malformed size '%.*s'", (int)(at - spec), spec);
	for (; p < at && isdig(*p) && p - spec <= SIZEMAX_DIGITS; p++)
		size = size * 10 + (*p - '0');
	if (p < at && *p == 'f') {
		a->isfloat = 1;
		p++;
	}
	if (p != at)
		return bad(&c, "malformed size '%.*s'", (int)(at - spec), spec);
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return bad(&c, "size %d is not 1, 2, 4 or 8", size);
	a->size = size;
	if (!c.syn)
		return bad(&c, "no operand syntax known for machine %d", em);
	c.p = at + 1;
	if (operand(&c, &a->op) < 0) {
		memset(&a->op, 0, sizeof(a->op));
		return -1;
	}
	a->hasop = 1;
	return 0;
}

size_t
argsplit(const char *s, struct sitearg *out, size_t max)
{
	size_t n = 0;

	for (;;) {
		const char *e;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			return n;
		for (e = s; *e && *e != ' ' && *e != '\t'; e++)
			;
		/* arm and aarch64 put spaces inside brackets: "[sp, 16]" */
		if (memchr(s, '[', (size_t)(e - s)) && !memchr(s, ']', (size_t)(e - s))) {
			const char *q = strchr(e, ']');
			if (q)
				for (e = q + 1; *e && *e != ' ' && *e != '\t'; e++)
					;
		}
		if (n < max) {
			memset(&out[n], 0, sizeof(out[n]));
			out[n].spec = s;
			out[n].speclen = (size_t)(e - s);
		}
		n++;
		s = e;
	}
}
