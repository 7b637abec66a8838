/* convert.d: probes whose callers (convert.c) pass other types than declared */
provider cv {
	probe widen(long l, unsigned long ul, long long ll);
	probe narrow(unsigned char uc, short s, _Bool b);
	probe sign(unsigned int u, int i);
	probe ptrs(const char *s, void *p, int (*cb)(int), char *arr);
	probe sizes(size_t n, ssize_t sn, off_t off);
	probe enm(int e);
};
