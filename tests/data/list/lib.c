/* lib.c: a shared library with a probe, loaded by the list process test */
#include "list_probes.h"

int
lib_fire(int n)
{
	OTHER_TICK(n);
	return n + 1;
}
