/* prog2.c: fires the probe of typed.d, whose argument type comes from a header */
#include "typed_probes.h"

int
main(void)
{
	TYPED_SEND(1);
	return 0;
}
