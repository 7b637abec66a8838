#define X 1 \
  provider no { probe no(); }
provider c {
	probe a(int,
		char *);
};
