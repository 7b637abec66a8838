/* SPDX-License-Identifier: MIT */
/* main.c: the minipy program: `minipy FILE.mpy` runs a script */
#include <stdio.h>
#include <string.h>

#include "minipy.h"

int
main(int argc, char **argv)
{
	minipy *vm;
	int rc;

	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("minipy %s\n", minipy_version());
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: minipy FILE.mpy\n");
		return 2;
	}
	if (!(vm = minipy_new())) {
		fprintf(stderr, "minipy: out of memory\n");
		return 1;
	}
	rc = minipy_run_file(vm, argv[1]);
	fflush(stdout);
	if (rc < 0)
		fprintf(stderr, "minipy: %s\n", minipy_error(vm));
	minipy_free(vm);
	return rc < 0 ? 1 : 0;
}
