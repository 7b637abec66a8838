/* convert.c: every probe of convert.d called with other types than declared:
 * int for long, unsigned for unsigned long, int for unsigned char and _Bool,
 * -1 for unsigned int, a function designator and an array for pointers, an
 * unsigned enum for int. The header converts each as a call would. */
#include "convert_probes.h"

enum colour { RED = 1, GREEN = 2 };

static int
twice(int v)
{
	return 2 * v;
}

int
main(int argc, char **argv)
{
	int i = -7 * argc;
	unsigned u = 7u * (unsigned)argc;
	short sh = (short)(300 * argc);
	char buf[8] = "conv";
	enum colour c = GREEN;

	(void)argv;
	CV_WIDEN(i, u, i);
	CV_NARROW(sh, i, argc + 1);
	CV_SIGN(-argc, u);
	CV_PTRS("literal", buf, twice, buf);
	CV_SIZES(argc, -argc, 4096);
	CV_ENM(c);
	return 0;
}
