provider p {
	probe tick(int n);
};
