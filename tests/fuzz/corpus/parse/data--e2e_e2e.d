/* e2e.d: probes exercised end to end by readelf, gdb and bpftrace */
provider e2e {
	probe zero();
	probe one(int);
	probe six(signed char, unsigned char, short, unsigned short, int, unsigned int);
	probe twelve(long long, unsigned long long, long, unsigned long, const char *,
	    void *, int *, short, signed char, unsigned int, unsigned char, unsigned short);
	/* gdb 13 and bpftrace 0.17 refuse a probe with an 8f@ argument, so the
	 * double has a probe of its own, checked with readelf */
	probe dbl(int, double);
	probe str__arg(const char *, int);
};
