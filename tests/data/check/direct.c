/* direct.c: sites written with <sys/sdt.h> itself: 'chk:extra', which check.d does not
 * declare, and 'chk:start' with a long long where check.d says int */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

extern unsigned short chk_start_semaphore; /* from the semaphore object of check.d */
__attribute__((section(".probes"))) unsigned short chk_extra_semaphore;

int
main(int argc, char **argv)
{
	long long big = argc;

	STAP_PROBE2(chk, start, (long long)5, argv[0]);
	STAP_PROBE1(chk, extra, big);
	return chk_start_semaphore + chk_extra_semaphore;
}
