typedef int x_t;
struct s { int a; };
