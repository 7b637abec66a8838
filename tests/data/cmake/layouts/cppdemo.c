/* cppdemo.c: probes named with MACRO_PREFIX TRACE_, without semaphores */
#include "cppdemo_probes.h"

int
main(int argc, char **argv)
{
	(void)argv;
	TRACE_TICK(argc);
	if (TRACE_EXTRA_ENABLED())
		TRACE_EXTRA(argc + 1);
	return 0;
}
