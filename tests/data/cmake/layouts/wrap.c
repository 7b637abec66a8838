/* wrap.c: a shared library built on the static libminipy */
#include <stdio.h>

#include "minipy.h"

int wrap_run(const char *path);

int
wrap_run(const char *path)
{
	minipy *vm = minipy_new();
	int rc;

	if (!vm)
		return -1;
	if ((rc = minipy_run_file(vm, path)) < 0)
		fprintf(stderr, "wrap: %s\n", minipy_error(vm));
	minipy_free(vm);
	return rc;
}
