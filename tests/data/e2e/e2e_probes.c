/* e2e_probes.c: fires every probe of e2e.d once with known values */
#include <stddef.h>
#include "e2e_probes.h"
#include "e2e.h"

/* read through a volatile so the compiler cannot fold the arguments into
 * immediates: the probes then mix register and $imm operands.  The byte-sized
 * arguments of twelve stay constants: in a register, GCC may spell them
 * %r8b..%r15b, which gdb 13 rejects ("Invalid register name"). */
static volatile int e2e_zero_v;
int e2e_target = 4242;
const char e2e_hello[] = "hello e2e";
static const char e2e_string[] = "probe string";

void
e2e_fire(void)
{
	int z = e2e_zero_v;

	/* touch the strings first: a BPF program cannot fault a page in, so
	 * bpftrace's str() reads "" from a page the process has not used yet */
	(void)*(volatile const char *)e2e_hello;
	(void)*(volatile const char *)e2e_string;

	E2E_ZERO();
	E2E_ONE(1234567 + z);
	/* constants: immediate operands */
	E2E_SIX((signed char)-5, (unsigned char)200, (short)-1234,
	    (unsigned short)65000, -123456, 4000000000u);
	E2E_TWELVE(-1234567890123LL + z, 18000000000000000000ULL + (unsigned)z,
	    -7L + z, 123456789UL + (unsigned)z, e2e_hello + z,
	    (void *)(0x12345678UL + (unsigned)z), &e2e_target + z,
	    (short)(-32000 + z), (signed char)-128, 0xdeadbeefu + (unsigned)z,
	    (unsigned char)255, (unsigned short)(48879 + z));
	E2E_DBL(-3 + z, 2.5 + z);
	E2E_STR_ARG(e2e_string, 7 + z);
}

int
e2e_twelve_enabled(void)
{
	return E2E_TWELVE_ENABLED() != 0;
}
