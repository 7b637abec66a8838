/* myproj.c: a library with probes, built by each build system */
#include "myproj.h"
#include "myproj_probes.h"

static int count;

int
myproj_run(const char *name)
{
	const char *file = "main.my";

	if (MYPROJ_FUNCTION_ENTRY_ENABLED())
		count += 100;
	MYPROJ_FUNCTION_ENTRY(file, name, 7);
	count++;
	MYPROJ_TICK(count);
#ifdef MYPROJ_ADDED
	/* compiled in once the test adds probe 'added' to myproj.d */
	MYPROJ_ADDED(count);
#endif
	return count;
}
