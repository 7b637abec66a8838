/* app.c: the program of the linker matrix: start and done here, step in lib.c;
 * it says whether start's and step's semaphores are armed (a tracer attached) */
#include <stdio.h>

#ifdef PLAIN /* <sys/sdt.h> alone, without semaphores: the control of a loss */
#include <sys/sdt.h>
#define LNK_START_ENABLED() 0
#define LNK_START(n, s) STAP_PROBE2(lnk, start, n, s)
#define LNK_DONE() STAP_PROBE(lnk, done)
#else
#include "link_probes.h"
#endif

int lnk_lib(int n); /* lib.c */

int
main(int argc, char **argv)
{
	(void)argv;
	printf("start %s\n", LNK_START_ENABLED() ? "enabled" : "disabled");
	LNK_START(argc, "app");
	lnk_lib(argc);
	LNK_DONE();
	return 0;
}
