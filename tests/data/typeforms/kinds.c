/*
 * kinds.c: the same twelve caller types passed to a probe of each declared
 * kind of kinds.d (an int, a negative long, a pointer, a pointer to
 * volatile, a function pointer, a float, a double, a struct by value, a
 * project's '(void *)(intptr_t)(x)', an array, a string literal, a
 * boolean). By default each note follows the declaration, but for the
 * struct, which no cast converts and which passes as it is (typeforms.sh).
 * -DSKIP_KD_NAME leaves out the call of probe NAME.
 */
#include <stdint.h>

/* C++ casts in C++, so that -Wold-style-cast finds only the headers' own */
#ifdef __cplusplus
#define CAST(type, v) static_cast<type>(v)
#define PTRTO(type, v) reinterpret_cast<type>(v)
#else
#define CAST(type, v) ((type)(v))
#define PTRTO(type, v) ((type)(v))
#endif

typedef long foo_t;
struct foo {
	int f;
};
struct small {
	int a, b;
};

#include "kinds_probes.h"

/* APPLY(PROBE, ARGS(n)): the probe with the twelve arguments ARGS expands to */
#define APPLY(probe, ...) probe(__VA_ARGS__)
#define ARGS(n) \
	n, -2L, CAST(void *, &sm), &vl, &fn, 1.5f, 2.5, sm, PTRTO(void *, CAST(intptr_t, n)), buf, "lit", n > 0

static int
fn(int i)
{
	return i + 1;
}

void kinds(int n);

void
kinds(int n)
{
	struct small sm = {1, 2};
	volatile long vl = 3;
	char buf[4] = "abc";

#ifndef SKIP_KD_INT
	APPLY(KD_INT, ARGS(n));
#endif
#ifndef SKIP_KD_UCHAR
	APPLY(KD_UCHAR, ARGS(n));
#endif
#ifndef SKIP_KD_LLONG
	APPLY(KD_LLONG, ARGS(n));
#endif
#ifndef SKIP_KD_ULONG
	APPLY(KD_ULONG, ARGS(n));
#endif
#ifndef SKIP_KD_BOOL
	APPLY(KD_BOOL, ARGS(n));
#endif
#ifndef SKIP_KD_DOUBLE
	APPLY(KD_DOUBLE, ARGS(n));
#endif
#ifndef SKIP_KD_FLOAT
	APPLY(KD_FLOAT, ARGS(n));
#endif
#ifndef SKIP_KD_STRING
	APPLY(KD_STRING, ARGS(n));
#endif
#ifndef SKIP_KD_TAGGED
	APPLY(KD_TAGGED, ARGS(n));
#endif
#ifndef SKIP_KD_FNPTR
	APPLY(KD_FNPTR, ARGS(n));
#endif
#ifndef SKIP_KD_PLACEHOLDER
	APPLY(KD_PLACEHOLDER, ARGS(n));
#endif
#ifndef SKIP_KD_USER
	APPLY(KD_USER, ARGS(n));
#endif
}
