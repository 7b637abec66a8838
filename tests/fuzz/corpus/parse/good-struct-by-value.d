provider v {
	probe a(int n,
		struct point p);
	probe b(union u);
};
