/* semaphores.c: the 'chk:done' site with a semaphore that is not where one must be:
 * -DIN_BSS   an ordinary variable, in .bss
 * -DODD      in .probes, after a 1-byte object, with alignment 1 (build with
 *            -fno-toplevel-reorder): at an odd address
 * -DREADONLY in .probes, but const: the section is read-only
 * -DNONE     no semaphore at all (<sys/sdt.h> without _SDT_HAS_SEMAPHORES) */
#ifndef NONE
#define _SDT_HAS_SEMAPHORES 1
#endif
#include <sys/sdt.h>

#if defined IN_BSS
unsigned short chk_done_semaphore;
#elif defined ODD
__attribute__((section(".probes"), aligned(1))) unsigned char chk_pad = 1;
__attribute__((section(".probes"), aligned(1))) unsigned short chk_done_semaphore;
#elif defined READONLY
__attribute__((section(".probes"))) const unsigned short chk_done_semaphore = 0;
#endif

int
main(void)
{
	STAP_PROBE(chk, done);
#ifdef NONE
	return 0;
#else
	return *(const volatile unsigned short *)&chk_done_semaphore;
#endif
}
