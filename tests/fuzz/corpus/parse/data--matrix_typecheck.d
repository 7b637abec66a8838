/* typecheck.d: probes for the compile-time argument check (typecheck.sh) */
provider tc {
	probe str(const char *);
	probe num(int, long);
	probe user(mytype_t *);
};
