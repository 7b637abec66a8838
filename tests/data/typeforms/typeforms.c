/*
 * typeforms.c: calls every probe of typeforms.d the way a project would,
 * with its own declarations of the types the .d names (not the .d's
 * placeholders). Compiled as C and C++ against sdtkit's probe header, its
 * no-op header and SystemTap's header (typeforms.sh); -DSKIP_TF_NAME leaves
 * out the call of probe NAME. C++ casts and nullptr in C++, so that
 * -Wold-style-cast and -Wzero-as-null-pointer-constant find only the
 * headers' own.
 */
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#ifdef __cplusplus
#define CAST(type, v) static_cast<type>(v)
#define PTRTO(type, v) reinterpret_cast<type>(v)
#define NUL nullptr
#else
#include <stdbool.h>
#define CAST(type, v) ((type)(v))
#define PTRTO(type, v) ((type)(v))
#define NUL ((void *)0)
#endif

/* the project's own types, declared before the header (which strict mode needs) */
typedef struct conn conn_t;
struct conn {
	int fd;
};
typedef union value {
	int i;
	long l;
} value_t;
typedef enum state { ST_IDLE, ST_BUSY } state_t;
typedef struct node {
	int v;
} node_t;
typedef struct request request_t; /* never defined */
struct req {
	int r;
};
typedef struct req *req_p;
typedef struct anon {
	int x;
} *anon_p;
typedef conn_t *conn_p;
typedef char *string_t;
typedef int (*callback_t)(void *, int);
typedef int handler_t(int);
typedef unsigned int Oid;
typedef uint32_t flags_t;
typedef unsigned long long u64_t;
typedef long foo_t;
typedef struct bar bar_t; /* never defined */
enum color { RED, GREEN };
struct small {
	int a, b;
};
#define N 4

#include "typeforms_probes.h"

static int
callback(void *p, int i)
{
	(void)p;
	return i;
}

static int
handler(int i)
{
	return i + 1;
}

static void
twice(int *p)
{
	*p *= 2;
}

void typeforms(int n);

void
typeforms(int n)
{
	struct conn c = {3};
	conn_t *cp = &c;
	value_t v;
	state_t st = ST_BUSY;
	node_t nd = {5};
	struct req rq = {6};
	req_p rp = &rq;
	struct anon an = {7};
	anon_p ap = &an;
	conn_p cpp = cp;
	char buf[16] = "typeforms";
	const char *names[] = {"a", "b"};
	unsigned char grid[4][8] = {{0}};
	int nums[N] = {1, 2, 3, 4};
	volatile long vl = 8;
	const volatile int cvi = 9;
	long l = 10;
	const char *const *pp = names;
#ifdef __cplusplus
	long *al = &l;
#else
	_Atomic long atom = 11;
	_Atomic long *al = &atom;
#endif
	struct small sm = {1, 2};
	foo_t fo = 12;
	enum color col = GREEN;
	Oid oid = 13;
	uint64_t u64 = 14;
	ssize_t ss = -15;
	off_t off = 16;
	float fl = 1.5f;
	double d = 2.5;
	unsigned char ubuf[2] = {1, 2};

	v.i = n;
	twice(&n);
#ifndef SKIP_TF_PLACEHOLDER
	TF_PLACEHOLDER(cp, cp, &v, &cp);
#endif
#ifndef SKIP_TF_ANONENUM
	TF_ANONENUM(st, &st);
#endif
#ifndef SKIP_TF_TAGGED
	TF_TAGGED(&nd, &nd, NUL, rp);
#endif
#ifndef SKIP_TF_ANONPTR
	TF_ANONPTR(ap, cpp);
#endif
#ifndef SKIP_TF_NEVER
	TF_NEVER(NUL, NUL, NUL);
#endif
#ifndef SKIP_TF_BYVALUE
	TF_BYVALUE(sm, nd);
#endif
#ifndef SKIP_TF_UNDECLARED
	TF_UNDECLARED(fo, &fo, NUL, col, &col);
#endif
#ifndef SKIP_TF_POINTERS
	TF_POINTERS(buf, &callback, &handler, CAST(void *, cp), cp);
#endif
#ifndef SKIP_TF_FUNCPTR
	TF_FUNCPTR(&handler, NUL, NUL);
#endif
#ifndef SKIP_TF_ARRAYS
	TF_ARRAYS(buf, names, grid, nums);
#endif
#ifndef SKIP_TF_QUALIFIED
	TF_QUALIFIED(&vl, &cvi, &l, buf, pp, al);
#endif
#ifndef SKIP_TF_SPELLINGS
	TF_SPELLINGS(1u, -2, 3ul, 4ull, -5ll, CAST(short, -6), CAST(unsigned char, 7), CAST(signed char, -8), 'c',
	             n > 0, -11L, 12L);
#endif
#ifndef SKIP_TF_STDTYPES
	TF_STDTYPES(PTRTO(uintptr_t, cp), CAST(intptr_t, -1), CAST(int64_t, -2), CAST(uint8_t, 3), sizeof buf, ss, off,
	            n, &buf[2] - &buf[0], CAST(intmax_t, -4), n > 1, &u64);
#endif
#ifndef SKIP_TF_TYPEDEFS
	TF_TYPEDEFS(oid, &oid, CAST(flags_t, n), CAST(u64_t, n), &oid);
#endif
#ifndef SKIP_TF_FLOATS
	TF_FLOATS(fl, d);
#endif
#ifndef SKIP_TF_STRINGS
	TF_STRINGS("literal", names[n & 1], buf, ubuf);
#endif
}
