/* check.d: the provider the check tests compare files with */
provider chk {
	probe start(int, const char *);
	probe value(long, unsigned short, double, float);
	probe flag(_Bool, char, signed char, unsigned char);
	probe sizes(size_t, ssize_t, int64_t, uint32_t, off_t);
	probe item(struct item *, item_t, enum mode, string);
	probe done();
};
