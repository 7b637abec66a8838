/* prog.c: uses the probes of demo.d, and the probe "extra" once it exists */
#include "demo_probes.h"

int other(int);

int
main(int argc, char **argv)
{
	(void)argv;
	DEMO_TICK(argc);
#ifdef DEMO_EXTRA
	DEMO_EXTRA(other(argc));
#endif
	return other(argc) - argc - 1;
}
