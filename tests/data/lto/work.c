/* work.c: step fires n times, in a function LTO keeps out of line */
#include <stdio.h>

#include "lto_probes.h"

void lto_work(long n);

__attribute__((noinline)) void
lto_work(long n)
{
	long i;

	printf("step %s\n", LTO_STEP_ENABLED() ? "enabled" : "disabled");
	for (i = 0; i < n; i++)
		LTO_STEP(i);
}
