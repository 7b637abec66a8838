provider f {
	probe a(int (*)(int), void (*cb)(struct foo *, size_t), char (*(*x)[3])(void));
	probe b(int (/* grouping */ *fp)(const char *, ...));
};
