/* demo.c: fires each probe of demo.d that it places once, with known values */
#include <limits.h>

#include "demo_probes.h"

int
main(void)
{
	/* on the stack: a tracer cannot read a page not yet touched (.rodata) */
	char path[] = "/index.html", text[] = "text", limit[] = "limit";

	DEMO_REQUEST_START(path, -7, ULLONG_MAX, (void *)0x1234);
	DEMO_WIDTHS(-1, -2, -3, -4, 255, 0xdeadbeefu);
	DEMO_UNNAMED(5, text, 65535);
	DEMO_RATIO(0.5);
	DEMO_MANY(1, 2, 3, 4, 5, 6, 7);
	DEMO_EMPTY();
	DEMO_RESERVED(LONG_MIN < 0, 1, limit);
	return 0;
}
