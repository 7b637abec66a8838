provider u {
	probe a(mytype_t t, enum color c);
	probe b(const myobj *o, unsigned n);
	probe c(int (*)(handle_t));
};
