provider p {
	probe a(char **argv, const char *const *envp, void *, const void *, int ***);
	probe b(float f, double, long double);
};
