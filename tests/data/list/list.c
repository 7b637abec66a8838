/* list.c: a program whose probe arguments take many operand forms */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "list_probes.h"

int gcount = 7;
long gtab[16];

__attribute__((noinline)) static int
work(int n, const char *s)
{
	volatile int loc = n * 3;
	long arr[8];
	int i;
	double d = n / 3.0;
	float f = (float)n / 7.0f;

	for (i = 0; i < 8; i++)
		arr[i] = i * n;
	LST_START();
	LST_INTS((signed char)n, (unsigned char)n, (short)n, (unsigned short)n, loc, (unsigned)n);
	LST_WIDE((long long)n, (unsigned long long)n, (long)n, s, (void *)s);
	LST_KONST(5, -42L);
	LST_INDEXED((int)arr[n & 7], gtab[n & 15]);
	LST_GLOBAL_VAR(gcount, gtab[3]);
	LST_FLOATS(f, d);
	if (LST_FUNCTION_ENTRY_ENABLED())
		LST_FUNCTION_ENTRY(s, n);
	return loc + (int)arr[n & 7];
}

int
main(int argc, char **argv)
{
	int r = 0, i;

	for (i = 0; i < argc; i++)
		r += work(i, argv[i]);
	OTHER_TICK(r);
	if (argc > 1 && argv[1][0] == 's') {
		printf("ready\n");
		fflush(stdout);
		for (;;)
			sleep(1000);
	}
	return r == 12345;
}
