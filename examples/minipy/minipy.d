/*
 * minipy.d: the probes of the minipy interpreter, modelled on CPython's
 * (Include/pydtrace.d), so the DTrace guide's scripts carry over.
 */
provider minipy {
	/** a function (or a module's top-level code, "<module>") starts running */
	probe function__entry(const char *filename, const char *funcname, int lineno);
	/** it returns; lineno is the line of its return (or its 'end') */
	probe function__return(const char *filename, const char *funcname, int lineno);
	/** a statement is about to run */
	probe line(const char *filename, const char *funcname, int lineno);
	/** the garbage collector starts collecting generations 0..generation */
	probe gc__start(int generation);
	/** it is done, having freed collected objects */
	probe gc__done(long collected);
	/** an import starts looking for the module's file */
	probe import__find__load__start(const char *modulename);
	/** the module was found and loaded (found = 1), or not (found = 0) */
	probe import__find__load__done(const char *modulename, int found);
};
