provider p { probe a(); };
struct s {
	int a;
