provider app {
	probe start(int x, const char *name);
	probe size(long n);
	probe gone();
	probe same(unsigned u);
	probe count(int a, int b);
	probe real(double d);
	probe flag(unsigned char c);
};
