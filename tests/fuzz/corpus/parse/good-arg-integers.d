provider i {
	probe a(unsigned long long, long long int n, unsigned long long int,
		short int s, signed char, unsigned, long, unsigned short int us, _Bool);
};
