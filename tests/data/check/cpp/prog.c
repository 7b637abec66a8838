/* prog.c: the sites of cpp.d's probes, placed with <sys/sdt.h> directly, so
 * each argument's size is the one written here: xid 4 bytes, n 8 bytes
 * (what cpp.d declares only with -DWIDE), port 4 bytes (cpp.d: 2) */
#include <sys/sdt.h>

int
main(void)
{
	volatile unsigned int xid = 7;
	volatile unsigned long n = 3;
	volatile unsigned int port = 80;
	volatile unsigned long long token = 1;

	STAP_PROBE2(cpc, start, xid, n);
	STAP_PROBE2(cpc, listen, port, token);
	return 0;
}
