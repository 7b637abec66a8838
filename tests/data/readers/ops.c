/*
 * ops.c: one probe per form of operand a tracer may not read, placed with
 * <sys/sdt.h> as the compiler chooses (tests/integration/check_tracers.sh):
 * floats in registers, memory and constants, a struct by value, operands
 * wider than 8 bytes, a thread-local and a global variable, a pointer's
 * target (gcc: "(%rdi)"); and provider okp, which every tracer reads
 */
#include <sys/sdt.h>

struct pair { int a, b; };
struct big { long a, b, c; };

double gd = 2.5;
__thread long tl = 7;
long gl = 9;

__attribute__((noinline)) static void
f(double d, float fl, struct pair p, __int128 w, struct big b, long s, long *ptr)
{
	DTRACE_PROBE1(ops, freg, d);
	DTRACE_PROBE1(ops, ffreg, fl);
	DTRACE_PROBE1(ops, fglob, gd);
	DTRACE_PROBE1(ops, fconst, 1.5);
	DTRACE_PROBE1(ops, pair, p);
	DTRACE_PROBE1(ops, wide, w);
	DTRACE_PROBE1(ops, big, b);
	DTRACE_PROBE1(ops, tls, tl);
	DTRACE_PROBE1(ops, glob, gl);
	DTRACE_PROBE2(ops, two, s, d);
	DTRACE_PROBE1(ops, deref, *ptr);
	DTRACE_PROBE2(okp, ints, s, s + 1);
}

int
main(int argc, char **argv)
{
	struct pair p = {argc, 2};
	struct big b = {1, 2, 3};
	long x = argc + 41;

	(void)argv;
	f(argc * 0.5, argc * 0.25f, p, (__int128)argc << 70, b, argc, &x);
	return 0;
}
