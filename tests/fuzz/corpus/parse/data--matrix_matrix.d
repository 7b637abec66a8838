/* matrix.d: every argument form the parser takes, for the compile matrix */
provider mx {
	probe zero;
	probe empty();
	probe voidargs(void);
	probe strings(const char *, char const *, string);
	probe ints(unsigned long long, long long int, unsigned long long int, int8_t,
	    uint64_t, size_t);
	probe tagged(struct foo *, union u *, const struct s *, struct foo **);
	probe misc(char [16], int (*)(int), const unsigned char *, float, double);
};

provider mx2 {
	probe translated(int, const char *) : (int, string);
	probe twelve(int, unsigned int, long, unsigned long, short, unsigned short,
	    signed char, unsigned char, long long, const char *, void *, double);
	probe only__used(int);
	probe side__effect(int, long);
	probe conv(long, _Bool, unsigned char, int (*)(int), const char *, size_t);
};
