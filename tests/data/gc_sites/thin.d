/* tests/data/gc_sites: the probe work.c and inline.cc have */
provider gc {
	probe hit(int);
};
