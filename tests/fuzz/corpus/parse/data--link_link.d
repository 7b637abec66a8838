/* link.d: the probes of the linker matrix (tests/integration/linkers.sh) */
provider lnk {
	probe start(int n, const char *what);
	probe step(long i);
	probe done();
};
