provider s {
	probe a(const char *, char const *, const unsigned char *bytes, string name, char *buf);
};
