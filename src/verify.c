/* SPDX-License-Identifier: MIT */
/* verify.c: comparing a provider file's declarations with the probe sites of ELF files */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "parse.h"
#include "util.h"
#include "verify.h"

/*
 * What a declared type lets a site record. <sys/sdt.h> writes each
 * argument as [-]SIZE[f]@OPERAND from the expression passed (not from the
 * declaration): SIZE is sizeof the expression, arrays and functions
 * decaying to pointers; '-' when it is a signed integer (a plain char
 * follows the target's char, so it is signed on x86 and unsigned on arm,
 * aarch64, ppc, s390 and riscv); 'f' for float and double (since
 * SystemTap 4.3; older headers wrote "8@" for a double). Pointers, floats
 * and _Bool are never signed; an enum is signed only if an enumerator is
 * negative, and wider than int only if one does not fit (a GNU extension).
 * gcc 12 and clang 14 on x86-64:
 *
 *   char c, unsigned char uc, short s, long l, float f, double d, _Bool b, enum e x, void *p
 *   -1@%al 1@%bl -2@%dx -8@24(%rsp) 4f@%ecx 8f@%rsi 1@%r10b 4@64(%rsp) 8@%rcx
 *
 * A constant is an int ('a' too: -4@$97), and so is any arithmetic on
 * narrower types (c + 1: -4@%ecx). The generated header converts each
 * argument to its declared type first (header.c), so its notes follow the
 * .d; a header that passes the caller's expression (SystemTap's, or
 * sdtkit's with SDTKIT_TYPECHECK=0) records -4@ for an int variable given
 * to a 'long' argument: the note then disagrees with the .d, and tracers
 * read 4 bytes. Floats passed as their bits (--floats=bits) are unsigned
 * integers of the float's size, which is accepted.
 *
 * Only what cannot come from the declared type is reported: typedef names
 * the .d does not define, structs by value, long double and __int128 are
 * never checked; plain char, enums, and off_t under ILP32
 * (_FILE_OFFSET_BITS) accept either of their possibilities.
 */

enum sign { SIGN_ANY, SIGN_SIGNED, SIGN_UNSIGNED };

struct expect {
	int known;          /* 0: anything goes */
	unsigned sizes[2];  /* accepted sizes as bits (1 << size) under ILP32, LP64 */
	enum sign sign;
	int isfloat;
};

#define SZ(n) (1u << (n))

/* the types the parser names by including a standard header */
static const struct {
	const char *name;
	unsigned ilp32, lp64;
	enum sign sign;
} stdtypes[] = {
	{"int8_t", SZ(1), SZ(1), SIGN_SIGNED},
	{"int16_t", SZ(2), SZ(2), SIGN_SIGNED},
	{"int32_t", SZ(4), SZ(4), SIGN_SIGNED},
	{"int64_t", SZ(8), SZ(8), SIGN_SIGNED},
	{"uint8_t", SZ(1), SZ(1), SIGN_UNSIGNED},
	{"uint16_t", SZ(2), SZ(2), SIGN_UNSIGNED},
	{"uint32_t", SZ(4), SZ(4), SIGN_UNSIGNED},
	{"uint64_t", SZ(8), SZ(8), SIGN_UNSIGNED},
	{"intptr_t", SZ(4), SZ(8), SIGN_SIGNED},
	{"uintptr_t", SZ(4), SZ(8), SIGN_UNSIGNED},
	{"intmax_t", SZ(8), SZ(8), SIGN_SIGNED},
	{"uintmax_t", SZ(8), SZ(8), SIGN_UNSIGNED},
	{"size_t", SZ(4), SZ(8), SIGN_UNSIGNED},
	{"ptrdiff_t", SZ(4), SZ(8), SIGN_SIGNED},
	{"ssize_t", SZ(4), SZ(8), SIGN_SIGNED},
	{"off_t", SZ(4) | SZ(8), SZ(8), SIGN_SIGNED},
	{"pid_t", SZ(4), SZ(4), SIGN_SIGNED},
	{"uid_t", SZ(4), SZ(4), SIGN_UNSIGNED},
	{"gid_t", SZ(4), SZ(4), SIGN_UNSIGNED},
	{"bool", SZ(1), SZ(1), SIGN_UNSIGNED},
};

static const char *const qualifiers[] = {"const", "volatile", "restrict", "__restrict", "_Atomic"};
static const char *const models[] = {"ILP32", "LP64"};
static const char PROBES_SECTION[] = ".probes";
static const char BASE_SECTION[] = ".stapsdt.base";
enum { SEMALIGN = 2 }; /* an unsigned short */

/* kinds of problem, in the order they are shown for one probe */
enum kind {
	K_NOSITE,
	K_SEMDUP,
	K_UNDECLARED,
	K_ARGCOUNT,
	K_ARGSPEC,
	K_ARGTYPE,
	K_NOSEM,
	K_SEMNOSEC,
	K_SEMSECTION,
	K_SEMRO,
	K_SEMALIGN,
	K_SEMSHADOW,
	K_PCEXEC,
	K_BASE,
};

/* a declared probe */
struct dprobe {
	const struct provider *pv;
	const struct probe *p;
	struct expect *exp; /* one per argument */
	int seen;
	/* the distinct semaphores of its sites in linked files: "'file' 0xaddr" */
	char **sems;
	size_t *semfile;   /* the file of each */
	int *semprog;      /* that file is a program (else a shared library) */
	size_t nsems;
};

enum { SEMSMAX = 8 }; /* distinct semaphores kept per probe: enough to report */

struct problem {
	size_t file;   /* 0 for the provider file, else the module's index + 1 */
	size_t order;  /* the declared probe's order (K_NOSITE) */
	char *probe;   /* "provider:name" */
	enum kind kind;
	size_t argi;
	char *key;     /* what makes two problems the same (the rest is equal) */
	size_t seq;    /* first found first */
	int needsem;   /* shown only if some site has a semaphore */
	char *msg;
};

struct verifier {
	struct model m;
	int loaded;
	char *path;
	struct dprobe *dp;   /* in declaration order */
	size_t ndp;
	struct dprobe **byname;
	struct problem *pr;
	size_t npr, cap;
	int anysem;
	struct vproblem *out;
	size_t nout;
};

/* next space-separated word of s at *i into w (NUL-terminated, truncated); 0 at the end */
static int
word(const char *s, size_t *i, char *w, size_t wlen)
{
	size_t n = 0;

	while (s[*i] == ' ')
		(*i)++;
	if (!s[*i])
		return 0;
	for (; s[*i] && s[*i] != ' '; (*i)++)
		if (n + 1 < wlen)
			w[n++] = s[*i];
	w[n] = '\0';
	return 1;
}

static int
isqualifier(const char *w)
{
	size_t i;

	for (i = 0; i < LEN(qualifiers); i++)
		if (strcmp(w, qualifiers[i]) == 0)
			return 1;
	return 0;
}

static void
setexp(struct expect *e, unsigned ilp32, unsigned lp64, enum sign sign, int isfloat)
{
	e->known = 1;
	e->sizes[0] = ilp32;
	e->sizes[1] = lp64;
	e->sign = sign;
	e->isfloat = isfloat;
}

/* how deep typedefs of typedefs are followed */
enum { TYPEDEFDEPTH = 16 };

/*
 * What a site may record for an argument of type type (class cls; isstring
 * for D's string): typedef names the provider file declares (or, under -C,
 * the headers it includes) are followed to their types.
 */
static void
classifytype(const struct model *m, const char *type, enum typeclass cls, int isstring,
             struct expect *e, int depth)
{
	unsigned nlong = 0, nchar = 0, nshort = 0, nint = 0, nsigned = 0, nunsigned = 0;
	unsigned nfloat = 0, ndouble = 0, nbool = 0, nother = 0;
	const char *other = NULL;
	char w[64];
	size_t i = 0, k;

	memset(e, 0, sizeof(*e));
	if (cls == TC_BYVALUE)
		return;
	if (isstring || strpbrk(type, "*[(")) {
		/* pointers, arrays and functions: an address, which sdt.h marks unsigned */
		setexp(e, SZ(4), SZ(8), SIGN_UNSIGNED, 0);
		return;
	}
	while (word(type, &i, w, sizeof(w))) {
		if (isqualifier(w))
			continue;
		if (strcmp(w, "enum") == 0) {
			setexp(e, SZ(4) | SZ(8), SZ(4) | SZ(8), SIGN_ANY, 0);
			return;
		}
		if (strcmp(w, "struct") == 0 || strcmp(w, "union") == 0)
			return;
		if (strcmp(w, "long") == 0)
			nlong++;
		else if (strcmp(w, "char") == 0)
			nchar++;
		else if (strcmp(w, "short") == 0)
			nshort++;
		else if (strcmp(w, "int") == 0)
			nint++;
		else if (strcmp(w, "signed") == 0)
			nsigned++;
		else if (strcmp(w, "unsigned") == 0)
			nunsigned++;
		else if (strcmp(w, "float") == 0)
			nfloat++;
		else if (strcmp(w, "double") == 0)
			ndouble++;
		else if (strcmp(w, "_Bool") == 0)
			nbool++;
		else if (nother++ == 0)
			other = type + i - strlen(w); /* a standard type, a typedef, __int128, void */
	}
	if (nother) {
		size_t n = strcspn(other, " ");
		const struct typedefn *t;

		for (k = 0; k < LEN(stdtypes) && nother == 1; k++) {
			if (strlen(stdtypes[k].name) == n && strncmp(other, stdtypes[k].name, n) == 0) {
				setexp(e, stdtypes[k].ilp32, stdtypes[k].lp64, stdtypes[k].sign, 0);
				return;
			}
		}
		if (nother == 1 && depth < TYPEDEFDEPTH && (t = modeltypedef(m, other, n)) != NULL)
			classifytype(m, t->type, t->cls, 0, e, depth + 1);
		return; /* else a typedef name the .d leaves to the includer, or a type no note carries */
	}
	if (nbool)
		setexp(e, SZ(1), SZ(1), SIGN_UNSIGNED, 0);
	else if (nfloat)
		setexp(e, SZ(4), SZ(4), SIGN_UNSIGNED, 1);
	else if (ndouble && !nlong)
		setexp(e, SZ(8), SZ(8), SIGN_UNSIGNED, 1);
	else if (ndouble)
		return; /* long double: 10 or 16 bytes, which no note can say */
	else if (nchar)
		setexp(e, SZ(1), SZ(1), nunsigned ? SIGN_UNSIGNED : nsigned ? SIGN_SIGNED : SIGN_ANY, 0);
	else if (nshort)
		setexp(e, SZ(2), SZ(2), nunsigned ? SIGN_UNSIGNED : SIGN_SIGNED, 0);
	else if (nlong == 1)
		setexp(e, SZ(4), SZ(8), nunsigned ? SIGN_UNSIGNED : SIGN_SIGNED, 0);
	else if (nlong >= 2)
		setexp(e, SZ(8), SZ(8), nunsigned ? SIGN_UNSIGNED : SIGN_SIGNED, 0);
	else if (nint || nsigned || nunsigned)
		setexp(e, SZ(4), SZ(4), nunsigned ? SIGN_UNSIGNED : SIGN_SIGNED, 0);
}

void
argexpect(const struct model *m, const struct arg *a, struct argexpect *out)
{
	struct expect e;

	classifytype(m, a->type, a->cls, a->isstring, &e, 0);
	out->known = e.known;
	out->sizes[0] = e.sizes[0];
	out->sizes[1] = e.sizes[1];
	out->sign = e.sign == SIGN_SIGNED ? 1 : e.sign == SIGN_UNSIGNED ? 2 : 0;
	out->isfloat = e.isfloat;
}

const struct probe *
declprobe(const struct model *m, const char *provider, const char *name, int *hasprovider)
{
	size_t i, j;

	*hasprovider = 0;
	for (i = 0; i < m->nproviders; i++) {
		const struct provider *pv = &m->providers[i];

		if (strcmp(pv->name, provider) != 0)
			continue;
		*hasprovider = 1;
		for (j = 0; j < pv->nprobes; j++) {
			if (strcmp(pv->probes[j].name, name) == 0)
				return &pv->probes[j];
		}
	}
	return NULL;
}

enum readas
readas(const struct model *m, const struct arg *a)
{
	const char *t = a->ctype ? a->ctype : a->type;
	char w[32];
	size_t i = 0;
	int nchar = 0, nother = 0, stars = 0, brackets = 0;
	struct argexpect e;

	if (a->isstring)
		return RA_STRING;
	while (word(t, &i, w, sizeof(w))) {
		if (isqualifier(w))
			continue;
		if (strcmp(w, "*") == 0 || strcmp(w, "*const") == 0)
			stars++;
		else if (w[0] == '[')
			brackets++;
		else if (strcmp(w, "char") == 0)
			nchar++;
		else if (strcmp(w, "signed") != 0 && strcmp(w, "unsigned") != 0)
			nother++;
	}
	/* char *, const char *, unsigned char *, char [16]: text */
	if (nchar == 1 && nother == 0 && stars + brackets == 1 && !strchr(t, '('))
		return RA_STRING;
	if (strpbrk(t, "*[("))
		return RA_POINTER;
	argexpect(m, a, &e);
	if (!e.known)
		return RA_OTHER;
	if (e.isfloat)
		return RA_FLOAT;
	return e.sign == 2 ? RA_UNSIGNED : RA_SIGNED;
}

/* can a site's argument sa come from a declaration expecting e under model lp64? */
static int
accepts(const struct expect *e, int lp64, const struct vsitearg *sa)
{
	unsigned mask;

	if (!e->known)
		return 1;
	mask = e->sizes[lp64 ? 1 : 0];
	if (!(mask & SZ(sa->size)))
		return 0;
	if (sa->isfloat)
		return e->isfloat;
	if (e->isfloat)
		return !sa->issigned; /* a header older than SystemTap 4.3: no 'f' */
	return e->sign == SIGN_ANY || (e->sign == SIGN_SIGNED) == (sa->issigned != 0);
}

void
sizewords(struct buf *b, unsigned mask)
{
	unsigned n, seen = 0, total = 0;

	for (n = 1; n <= 8; n *= 2)
		total += (mask & SZ(n)) != 0;
	for (n = 1; n <= 8; n *= 2) {
		if (!(mask & SZ(n)))
			continue;
		seen++;
		if (seen == total)
			bufprintf(b, "%u-byte", n);
		else
			bufprintf(b, "%u-%s", n, seen + 1 == total ? " or " : ", ");
	}
}

static void
describeexp(struct buf *b, const struct expect *e, int lp64)
{
	sizewords(b, e->sizes[lp64 ? 1 : 0]);
	if (e->isfloat)
		bufputs(b, " floating-point");
	else if (e->sign == SIGN_SIGNED)
		bufputs(b, " signed");
	else if (e->sign == SIGN_UNSIGNED)
		bufputs(b, " unsigned");
	else
		bufputs(b, " integer");
}

static void
describesite(struct buf *b, const struct vsitearg *sa)
{
	bufprintf(b, "%d-byte", sa->size);
	if (sa->issigned)
		bufputs(b, " signed");
	else if (!sa->isfloat)
		bufputs(b, " unsigned");
	if (sa->isfloat)
		bufputs(b, " floating-point");
}

static int
dpcmp(const void *a, const void *b)
{
	const struct dprobe *x = *(const struct dprobe *const *)a, *y = *(const struct dprobe *const *)b;
	int c = strcmp(x->pv->name, y->pv->name);

	return c ? c : strcmp(x->p->name, y->p->name);
}

static struct dprobe *
lookup(const struct verifier *v, const char *provider, const char *name)
{
	size_t lo = 0, hi = v->ndp;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct dprobe *d = v->byname[mid];
		int c = strcmp(provider, d->pv->name);

		if (c == 0)
			c = strcmp(name, d->p->name);
		if (c == 0)
			return v->byname[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* record the semaphore of a linked file's site, if it is one not seen yet */
static void
notesem(struct dprobe *d, const struct vsite *s)
{
	char *id = xasprintf("'%s' 0x%" PRIx64, s->filename, s->sem);
	size_t i;

	for (i = 0; i < d->nsems; i++) {
		if (strcmp(d->sems[i], id) == 0) {
			free(id);
			return;
		}
	}
	if (d->nsems == SEMSMAX) {
		free(id);
		return;
	}
	d->sems = xreallocarray(d->sems, d->nsems + 1, sizeof(d->sems[0]));
	d->semfile = xreallocarray(d->semfile, d->nsems + 1, sizeof(d->semfile[0]));
	d->semprog = xreallocarray(d->semprog, d->nsems + 1, sizeof(d->semprog[0]));
	d->sems[d->nsems] = id;
	d->semfile[d->nsems] = s->file;
	d->semprog[d->nsems] = s->program;
	d->nsems++;
}

/*
 * Whether two of the probe's semaphores can be in one process: two in one
 * file, or in two files of which at most one is a program (two programs
 * are two processes, each with its own)
 */
static int
semdup(const struct dprobe *d)
{
	size_t i, j;

	for (i = 0; i < d->nsems; i++) {
		for (j = i + 1; j < d->nsems; j++) {
			if (d->semfile[i] == d->semfile[j] || !d->semprog[i] || !d->semprog[j])
				return 1;
		}
	}
	return 0;
}

const struct model *
verifymodel(const struct verifier *v)
{
	return &v->m;
}

int
declaredprovider(const struct verifier *v, const char *provider)
{
	size_t i;

	for (i = 0; i < v->m.nproviders; i++)
		if (strcmp(v->m.providers[i].name, provider) == 0)
			return 1;
	return 0;
}

struct verifier *
verifynew(struct model *m, const char *path)
{
	struct verifier *v = xcalloc(1, sizeof(*v));
	size_t i, j, k, n = 0;

	v->m = *m;
	memset(m, 0, sizeof(*m));
	v->loaded = 1;
	v->path = xstrdup(path);
	for (i = 0; i < v->m.nproviders; i++)
		n += v->m.providers[i].nprobes;
	v->dp = xcalloc(n ? n : 1, sizeof(*v->dp));
	v->byname = xcalloc(n ? n : 1, sizeof(*v->byname));
	for (i = 0; i < v->m.nproviders; i++) {
		const struct provider *pv = &v->m.providers[i];

		for (j = 0; j < pv->nprobes; j++) {
			struct dprobe *dp = &v->dp[v->ndp];

			dp->pv = pv;
			dp->p = &pv->probes[j];
			dp->exp = xcalloc(dp->p->nargs ? dp->p->nargs : 1, sizeof(*dp->exp));
			for (k = 0; k < dp->p->nargs; k++)
				classifytype(&v->m, dp->p->args[k].type, dp->p->args[k].cls,
				             dp->p->args[k].isstring, &dp->exp[k], 0);
			v->byname[v->ndp] = dp;
			v->ndp++;
		}
	}
	qsort(v->byname, v->ndp, sizeof(*v->byname), dpcmp);
	return v;
}

static struct problem *
addproblem(struct verifier *v, const struct vsite *s, enum kind kind, size_t argi,
           const char *key, struct buf *msg)
{
	struct problem *p;

	if (v->npr == v->cap)
		v->pr = xreallocarray(v->pr, v->cap = v->cap ? v->cap * 2 : 16, sizeof(*v->pr));
	p = &v->pr[v->npr];
	memset(p, 0, sizeof(*p));
	p->file = s ? s->file + 1 : 0;
	p->probe = s ? xasprintf("%s:%s", s->provider, s->name) : NULL;
	p->kind = kind;
	p->argi = argi;
	p->key = xstrdup(key ? key : msg->s);
	p->seq = v->npr++;
	p->msg = msg->s;
	msg->s = NULL;
	msg->len = msg->cap = 0;
	return p;
}

/* "'./prog': probe 'p:a'" */
static void
prefix(struct buf *b, const struct vsite *s)
{
	b->len = 0;
	bufprintf(b, "'%s': probe '%s:%s'", s->filename, s->provider, s->name);
}

/* "semaphore 'p_a_semaphore'" or "semaphore at 0x4011", then " at ..." when asked */
static void
semname(struct buf *b, const struct vsite *s, int at)
{
	if (s->semsymbol && *s->semsymbol)
		bufprintf(b, " semaphore '%s'", s->semsymbol);
	else
		bufputs(b, " semaphore");
	if (!at && s->semsymbol && *s->semsymbol)
		return;
	if (s->relocatable && s->semsection)
		bufprintf(b, " at '%s'+0x%" PRIx64, s->semsection, s->sem);
	else
		bufprintf(b, " at 0x%" PRIx64, s->sem);
}

static void
checkargs(struct verifier *v, const struct vsite *s, const struct dprobe *d)
{
	struct buf msg = {0};
	size_t i;

	if (s->nargs != d->p->nargs) {
		prefix(&msg, s);
		bufprintf(&msg, " has %zu argument%s, but %s:%u:%u declares %zu", s->nargs,
		          s->nargs == 1 ? "" : "s", d->p->pos.file, d->p->pos.line, d->p->pos.col,
		          d->p->nargs);
		addproblem(v, s, K_ARGCOUNT, 0, NULL, &msg);
		return;
	}
	for (i = 0; i < s->nargs && i < s->nfilled; i++) {
		const struct vsitearg *sa = &s->args[i];
		const struct expect *e = &d->exp[i];
		const struct arg *a = &d->p->args[i];
		char key[64];

		if (sa->size == 0) {
			prefix(&msg, s);
			bufprintf(&msg, " argument %zu '%.*s' is not a valid argument spec", i + 1,
			          (int)sa->speclen, sa->spec);
			addproblem(v, s, K_ARGSPEC, i, NULL, &msg);
			continue;
		}
		if (accepts(e, s->lp64, sa))
			continue;
		prefix(&msg, s);
		bufprintf(&msg, " argument %zu is %.*s (", i + 1, (int)sa->speclen, sa->spec);
		describesite(&msg, sa);
		bufprintf(&msg, "), but %s:%u:%u declares '%s' (", a->pos.file, a->pos.line, a->pos.col,
		          a->type);
		describeexp(&msg, e, s->lp64);
		bufprintf(&msg, " under %s)", models[s->lp64 ? 1 : 0]);
		/* one line per way a probe's argument is wrong, whatever the operands */
		snprintf(key, sizeof(key), "%d %d %d", sa->size, sa->issigned, sa->isfloat);
		addproblem(v, s, K_ARGTYPE, i, key, &msg);
	}
	buffree(&msg);
}

static void
checksem(struct verifier *v, const struct vsite *s)
{
	struct buf msg = {0};

	if (!s->hassem) {
		prefix(&msg, s);
		bufputs(&msg, " has a site without a semaphore, though other sites have one");
		addproblem(v, s, K_NOSEM, 0, NULL, &msg)->needsem = 1;
		return;
	}
	v->anysem = 1;
	if (!s->semknown)
		return; /* defined in another object */
	if (!s->semsection) {
		prefix(&msg, s);
		semname(&msg, s, 1);
		bufputs(&msg, " is in no section");
		addproblem(v, s, K_SEMNOSEC, 0, NULL, &msg);
		return;
	}
	if (strcmp(s->semsection, PROBES_SECTION) != 0) {
		prefix(&msg, s);
		semname(&msg, s, 0);
		bufprintf(&msg, " is in section '%s', not '%s'", s->semsection, PROBES_SECTION);
		addproblem(v, s, K_SEMSECTION, 0, NULL, &msg);
	}
	if (!s->semwritable) {
		prefix(&msg, s);
		semname(&msg, s, 0);
		bufprintf(&msg, " is in read-only section '%s'", s->semsection);
		addproblem(v, s, K_SEMRO, 0, NULL, &msg);
	}
	if (s->sem % SEMALIGN) {
		prefix(&msg, s);
		semname(&msg, s, 1);
		bufprintf(&msg, " is not %d-byte aligned", SEMALIGN);
		addproblem(v, s, K_SEMALIGN, 0, NULL, &msg);
	}
	if (s->semshadow) {
		prefix(&msg, s);
		semname(&msg, s, 1);
		bufprintf(&msg, " shares its file page with the writable segment at 0x%" PRIx64
		          ", where the kernel arms it instead (link with -z separate-loadable-segments)",
		          s->semshadow);
		addproblem(v, s, K_SEMSHADOW, 0, NULL, &msg);
	}
	buffree(&msg);
}

void
verifysite(struct verifier *v, const struct vsite *s)
{
	struct dprobe *d;
	struct buf msg = {0};

	if (!declaredprovider(v, s->provider))
		return;
	d = lookup(v, s->provider, s->name);
	if (!d) {
		prefix(&msg, s);
		bufprintf(&msg, " is not declared in '%s'", v->path);
		addproblem(v, s, K_UNDECLARED, 0, NULL, &msg);
	} else {
		d->seen = 1;
		checkargs(v, s, d);
		if (!s->relocatable && s->hassem && s->sem)
			notesem(d, s);
	}
	checksem(v, s);
	if (s->pcexec == 0) {
		prefix(&msg, s);
		if (s->pcsection)
			bufprintf(&msg, " site at 0x%" PRIx64 " is in non-executable section '%s'", s->pc,
			          s->pcsection);
		else
			bufprintf(&msg, " site at 0x%" PRIx64 " is outside any executable segment", s->pc);
		addproblem(v, s, K_PCEXEC, 0, NULL, &msg);
	}
	if (s->base != 0 && !s->hasbase) {
		prefix(&msg, s);
		bufprintf(&msg, " site records base 0x%" PRIx64 ", but there is no '%s' section",
		          s->base, BASE_SECTION);
		addproblem(v, s, K_BASE, 0, NULL, &msg);
	}
	buffree(&msg);
}

static int
strcmpnull(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* the same problem: equal but for seq and the message */
static int
samecmp(const struct problem *x, const struct problem *y)
{
	int c;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if ((c = strcmpnull(x->probe, y->probe)) != 0)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->argi != y->argi)
		return x->argi < y->argi ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
problemcmp(const void *a, const void *b)
{
	const struct problem *x = a, *y = b;
	int c = samecmp(x, y);

	if (c)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

const struct vproblem *
verifyend(struct verifier *v, int complete, size_t *n)
{
	struct buf msg = {0};
	size_t i;

	/* one probe, several semaphores: a tracer arms the one of the file it attaches to */
	for (i = 0; i < v->ndp; i++) {
		const struct dprobe *d = &v->dp[i];
		struct problem *p;
		size_t k;

		if (d->nsems < 2 || !semdup(d))
			continue;
		bufprintf(&msg, "probe '%s:%s' has %s%zu semaphores across the files (", d->pv->name,
		          d->p->name, d->nsems == SEMSMAX ? "at least " : "", d->nsems);
		for (k = 0; k < d->nsems; k++)
			bufprintf(&msg, "%s%s", k ? ", " : "", d->sems[k]);
		bufputs(&msg, "): arming one leaves the others' sites disabled");
		p = addproblem(v, NULL, K_SEMDUP, 0, NULL, &msg);
		p->order = v->ndp + i; /* after the probes without a site */
	}
	if (complete) {
		for (i = 0; i < v->ndp; i++) {
			const struct dprobe *d = &v->dp[i];
			struct problem *p;

			if (d->seen)
				continue;
			bufprintf(&msg, "%s:%u:%u: probe '%s:%s' has no site in any file", d->p->pos.file,
			          d->p->pos.line, d->p->pos.col, d->pv->name, d->p->name);
			p = addproblem(v, NULL, K_NOSITE, 0, NULL, &msg);
			p->order = i;
		}
	}
	if (v->npr)
		qsort(v->pr, v->npr, sizeof(*v->pr), problemcmp);
	free(v->out);
	v->out = xcalloc(v->npr ? v->npr : 1, sizeof(*v->out));
	v->nout = 0;
	for (i = 0; i < v->npr; i++) {
		if (i > 0 && samecmp(&v->pr[i - 1], &v->pr[i]) == 0)
			continue;
		if (v->pr[i].needsem && !v->anysem)
			continue;
		v->out[v->nout++].msg = v->pr[i].msg;
	}
	buffree(&msg);
	*n = v->nout;
	return v->out;
}

void
verifyfree(struct verifier *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->npr; i++) {
		free(v->pr[i].probe);
		free(v->pr[i].key);
		free(v->pr[i].msg);
	}
	for (i = 0; i < v->ndp; i++) {
		size_t k;

		for (k = 0; k < v->dp[i].nsems; k++)
			free(v->dp[i].sems[k]);
		free(v->dp[i].sems);
		free(v->dp[i].semfile);
		free(v->dp[i].semprog);
		free(v->dp[i].exp);
	}
	free(v->pr);
	free(v->out);
	free(v->dp);
	free(v->byname);
	free(v->path);
	if (v->loaded)
		modelfree(&v->m);
	free(v);
}
