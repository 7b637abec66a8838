/* main.c: the program of the build-system test consumer */
#include <stdio.h>

#include "myproj.h"

int
main(int argc, char **argv)
{
	printf("%d\n", myproj_run(argc > 1 ? argv[1] : "main"));
	return 0;
}
