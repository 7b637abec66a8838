/* tests/data/gc_sites: sites in code that section garbage collection would discard */
provider gc {
	probe hit(int);
	probe many(int, int, int, int, int, int, int, int, int, int, int, long);
	probe none();
};
