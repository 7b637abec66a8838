/* lto.d: the probes of the LTO test (tests/integration/lto.sh) */
provider lto {
	probe start(int n);
	probe step(long i);
};
