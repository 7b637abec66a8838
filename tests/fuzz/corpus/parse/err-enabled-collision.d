provider p {
	probe foo_enabled(int);
	probe foo();
};
