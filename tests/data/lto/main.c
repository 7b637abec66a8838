/* main.c: the LTO test's program: start here, step in work.c, which it calls
 * with 5; it says whether each semaphore is armed (a tracer attached) */
#include <stdio.h>

#include "lto_probes.h"

void lto_work(long n); /* work.c */

int
main(int argc, char **argv)
{
	(void)argv;
	printf("start %s\n", LTO_START_ENABLED() ? "enabled" : "disabled");
	LTO_START(argc);
	lto_work(5);
	return 0;
}
