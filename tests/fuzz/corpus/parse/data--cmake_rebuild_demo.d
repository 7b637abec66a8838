provider demo {
	probe tick(int n);
};
