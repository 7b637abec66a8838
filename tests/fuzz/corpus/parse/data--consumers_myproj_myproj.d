/* myproj.d: the provider of the build-system test consumer */
provider myproj {
	/* a function starts running */
	probe function__entry(const char *filename, const char *funcname, int lineno);
	/* a tick, with its count */
	probe tick(int count);
};
