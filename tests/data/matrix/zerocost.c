/* zerocost.c: probes whose arguments already have the declared types, through
 * the generated header (or, with PLAIN, <sys/sdt.h> itself with the same
 * semaphores): at -O2 the two compile to the same code (typecheck.sh) */
#ifdef PLAIN
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>
__extension__ extern unsigned short tc_str_semaphore
	__attribute__((__unused__, __section__(".probes"), __visibility__("hidden")));
__extension__ extern unsigned short tc_num_semaphore
	__attribute__((__unused__, __section__(".probes"), __visibility__("hidden")));
#define STR(s) STAP_PROBE1(tc, str, s)
#define NUM(i, l) STAP_PROBE2(tc, num, i, l)
#define NUM_ENABLED() __builtin_expect(tc_num_semaphore, 0)
#else
#include "typecheck_probes.h"
#define STR(s) TC_STR(s)
#define NUM(i, l) TC_NUM(i, l)
#define NUM_ENABLED() TC_NUM_ENABLED()
#endif

int zerocost(const char *s, int i, long l);

int
zerocost(const char *s, int i, long l)
{
	STR(s);
	if (NUM_ENABLED())
		NUM(i, l);
	NUM(i + 1, l * 2);
	return i;
}
