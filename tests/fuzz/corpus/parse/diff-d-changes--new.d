provider app {
	probe start(int count, char *name);
	probe size(int n);
	probe fresh(int);
	probe same(unsigned int u);
	probe count(int a);
	probe real(long d);
	probe flag(signed char c);
};
