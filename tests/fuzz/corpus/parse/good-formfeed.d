provider f {
	probe a(int);
};

