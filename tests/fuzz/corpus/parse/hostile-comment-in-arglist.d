provider p {
	probe a(int /* count
		long b);
};
