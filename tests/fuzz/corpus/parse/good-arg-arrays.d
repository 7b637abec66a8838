provider a {
	probe fixed(int x[4], char *argv[]);
	probe named(int buf[BUFSZ]);
};
