/* python_main.c: fires python.d's probes the way CPython does, each behind
 * its ENABLED() test (built against sdtkit's and SystemTap's headers alike) */
#include <stdio.h>
#include "python.h"

static volatile int v_line = 42;

int
main(int argc, char **argv)
{
	const char *file = "example.py", *func = argc > 1 ? argv[1] : "main";
	int line = v_line;
	void *obj = argv;

	if (PYTHON_FUNCTION_ENTRY_ENABLED())
		PYTHON_FUNCTION_ENTRY(file, func, line);
	if (PYTHON_LINE_ENABLED())
		PYTHON_LINE(file, func, line + 1);
	if (PYTHON_INSTANCE_NEW_START_ENABLED())
		PYTHON_INSTANCE_NEW_START("Point", "example");
	if (PYTHON_INSTANCE_NEW_DONE_ENABLED())
		PYTHON_INSTANCE_NEW_DONE("Point", "example");
	if (PYTHON_INSTANCE_DELETE_START_ENABLED())
		PYTHON_INSTANCE_DELETE_START("Point", "example");
	if (PYTHON_INSTANCE_DELETE_DONE_ENABLED())
		PYTHON_INSTANCE_DELETE_DONE("Point", "example");
	if (PYTHON_GC_START_ENABLED())
		PYTHON_GC_START(argc);
	if (PYTHON_GC_DONE_ENABLED())
		PYTHON_GC_DONE((long)argc * 1000);
	if (PYTHON_IMPORT_FIND_LOAD_START_ENABLED())
		PYTHON_IMPORT_FIND_LOAD_START("json");
	if (PYTHON_IMPORT_FIND_LOAD_DONE_ENABLED())
		PYTHON_IMPORT_FIND_LOAD_DONE("json", 1);
	if (PYTHON_AUDIT_ENABLED())
		PYTHON_AUDIT("open", obj);
	if (PYTHON_FUNCTION_RETURN_ENABLED())
		PYTHON_FUNCTION_RETURN(file, func, line);
	puts("done");
	return 0;
}
