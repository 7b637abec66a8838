/* loader.c: runs a minipy script through the MODULE library, opened with dlopen() */
#include <dlfcn.h>
#include <stdio.h>

#include "minipy.h"

int
main(int argc, char **argv)
{
	void *h = dlopen(MODULE_PATH, RTLD_NOW);
	minipy *(*mnew)(void);
	int (*mrun)(minipy *, const char *);
	void (*mfree)(minipy *);
	minipy *vm;
	int rc;

	if (argc != 2 || !h) {
		fprintf(stderr, "loader: %s\n", h ? "usage: loader FILE.mpy" : dlerror());
		return 2;
	}
	*(void **)&mnew = dlsym(h, "minipy_new");
	*(void **)&mrun = dlsym(h, "minipy_run_file");
	*(void **)&mfree = dlsym(h, "minipy_free");
	if (!mnew || !mrun || !mfree || !(vm = mnew()))
		return 1;
	rc = mrun(vm, argv[1]);
	mfree(vm);
	return rc < 0;
}
