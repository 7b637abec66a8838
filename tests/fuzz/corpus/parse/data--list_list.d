/* list.d: probes for the list tests: every argument form compilers emit */
provider lst {
	probe start();
	probe ints(signed char, unsigned char, short, unsigned short, int, unsigned int);
	probe wide(long long, unsigned long long, long, const char *, void *);
	probe konst(int, long);
	probe indexed(int, long);
	probe global__var(int, long);
	probe floats(float, double);
	probe function__entry(const char *, int);
};
provider other {
	probe tick(int);
};
