/* other.c: a second program with demo.d's probes (tests/integration/tracers*.sh): the
   one demo.c never places, one both place, and the double in a register, not a constant */
#include "demo_probes.h"

int
main(int argc, char **argv)
{
	(void)argv;
	DEMO_MISSING(argc);
	DEMO_EMPTY();
	DEMO_RATIO(argc * 0.5);
	return 0;
}
