/* stale.c: probes placed through the header of stale.d, then checked against check.d */
#include "stale_probes.h"

int
main(int argc, char **argv)
{
	(void)argv;
	CHK_VALUE(argc, (unsigned short)argc, argc * 0.5, argc * 0.25f);
	CHK_DONE(argc);
	return 0;
}
