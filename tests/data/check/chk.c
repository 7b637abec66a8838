/* chk.c: a program whose probe arguments have exactly the types check.d declares;
 * -DNO_DONE compiles the 'done' probe out (the vanished-probe case) */
#include <stdio.h>
#include "chk.h"

void lib_work(int n); /* chklib.c */

static volatile long gl = 40;
static volatile unsigned short gus = 7;

__attribute__((noinline)) static int
run(int n, const char *name)
{
	long l = gl + n;
	unsigned short us = (unsigned short)(gus + n);
	double d = n / 2.0;
	float f = (float)n / 3.0f;
	_Bool b = n > 1;
	char c = name[0];
	signed char sc = (signed char)-n;
	unsigned char uc = (unsigned char)n;

	CHK_START(n, name);
	if (CHK_VALUE_ENABLED())
		CHK_VALUE(l, us, d, f);
	CHK_FLAG(b, c, sc, uc);
	return (int)l + us;
}

int
main(int argc, char **argv)
{
	int r = run(argc, argv[0]);

	lib_work(argc);
#ifndef NO_DONE
	CHK_DONE();
#endif
	printf("%d\n", r);
	return 0;
}
