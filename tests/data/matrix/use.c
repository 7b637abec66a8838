/* use.c: calls every probe of matrix.d, compiled as C and C++ against both headers */
#include <stdio.h>

#include "matrix_probes.h"

struct foo {
	int x;
};
struct s {
	int y;
};
union u {
	int i;
	float f;
};

/* side effects inside probe arguments: never evaluated when disabled, once when enabled */
static int effects;
/* probe calls whose arguments carry a side effect */
static int calls;

static int
twice(int v)
{
	return 2 * v;
}

static int
compute(int v)
{
	return v + 1;
}

static void
probe_everything(int n)
{
	static const char *const names[] = {"alpha", "beta"};
	struct foo f = {1};
	struct foo *fp = &f;
	struct s sv = {2};
	union u uv;
	char buf[16] = "matrix";
	unsigned char ubuf[4] = {1, 2, 3, 4};
	unsigned long long ull = 1;
	long long ll = -2;
	int8_t i8 = -3;
	uint64_t u64 = 4;
	size_t sz = sizeof(buf);
	float fl = 1.5f;
	double d = 2.5;
	/* used only as a probe argument: no unused-variable warning when disabled */
	int only = compute(n);
	/* set but only read by a probe: no set-but-unused warning when disabled */
	long setonly;

	uv.i = 5;
	setonly = 6;

	if (MX_ZERO_ENABLED())
		MX_ZERO();
	MX_ZERO();
	if (MX_EMPTY_ENABLED())
		MX_EMPTY();
	MX_EMPTY();
	if (MX_VOIDARGS_ENABLED())
		MX_VOIDARGS();
	MX_VOIDARGS();

	if (MX_STRINGS_ENABLED())
		MX_STRINGS("a", buf, names[n & 1]);
	MX_STRINGS("a", buf, names[effects++ & 1]);
	calls++;

	if (MX_INTS_ENABLED())
		MX_INTS(ull, ll, ull, i8, u64, sz);
	MX_INTS(ull, ll, 7ULL, i8, u64, sz);

	if (MX_TAGGED_ENABLED())
		MX_TAGGED(fp, &uv, &sv, &fp);
	MX_TAGGED(&f, &uv, &sv, &fp);

	if (MX_MISC_ENABLED())
		MX_MISC(buf, &twice, ubuf, fl, d);
	MX_MISC(buf, &twice, ubuf, fl, (double)effects++);
	calls++;

	if (MX2_TRANSLATED_ENABLED())
		MX2_TRANSLATED(n, "translated");
	MX2_TRANSLATED(n, "translated");

	if (MX2_TWELVE_ENABLED())
		MX2_TWELVE(1, 2u, 3L, 4UL, (short)5, (unsigned short)6, (signed char)7,
		           (unsigned char)8, 9LL, "ten", &f, 12.0);
	MX2_TWELVE(1, 2u, 3L, 4UL, (short)5, (unsigned short)6, (signed char)7,
	           (unsigned char)8, 9LL, "ten", &f, (double)effects++);
	calls++;

	if (MX2_ONLY_USED_ENABLED())
		MX2_ONLY_USED(only);

	if (MX2_SIDE_EFFECT_ENABLED())
		MX2_SIDE_EFFECT(effects++, setonly);
	MX2_SIDE_EFFECT(effects++, setonly);
	calls++;

	/* other types than declared, converted as a call converts them: an int for
	 * a long and a size_t, a comparison for a _Bool, a function designator for a
	 * function pointer, a char array for a const char * */
	if (MX2_CONV_ENABLED())
		MX2_CONV(n, n > 1, ubuf[0], compute, buf, 16);
	MX2_CONV(effects++, n > 1, ubuf[1], twice, buf, 16);
	calls++;
}

int
main(int argc, char **argv)
{
	int i;

	(void)argv;
	for (i = 0; i < 3; i++)
		probe_everything(argc + i);
	printf("calls=%d effects=%d\n", calls, effects);
	return 0;
}
