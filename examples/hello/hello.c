/* hello.c: a program with two probes */
#include <stdio.h>

#include "hello_probes.h"

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (HELLO_GREET_ENABLED())
			fprintf(stderr, "(a tracer is attached)\n");
		HELLO_GREET(argv[i], i);
		printf("hello, %s\n", argv[i]);
	}
	HELLO_DONE();
	return 0;
}
