/* lib.c: the library half of the linker matrix (in the program, or a shared library) */
#include <stdio.h>

#ifdef PLAIN
#include <sys/sdt.h>
#define LNK_STEP_ENABLED() 0
#define LNK_STEP(i) STAP_PROBE1(lnk, step, i)
#else
#include "link_probes.h"
#endif

int lnk_lib(int n);

int
lnk_lib(int n)
{
	long i;

	printf("step %s\n", LNK_STEP_ENABLED() ? "enabled" : "disabled");
	for (i = 0; i < n; i++)
		LNK_STEP(i);
	return 0;
}
