/* kinds.d: one probe per declared kind, each taking 12 arguments of that kind (kinds.c passes the same 12 caller types to each; typeforms.sh) */
typedef struct { int dummy; } conn_t;
provider kd {
	probe int(int, int, int, int, int, int, int, int, int, int, int, int);
	probe uchar(unsigned char, unsigned char, unsigned char, unsigned char, unsigned char, unsigned char, unsigned char, unsigned char, unsigned char, unsigned char, unsigned char, unsigned char);
	probe llong(long long, long long, long long, long long, long long, long long, long long, long long, long long, long long, long long, long long);
	probe ulong(unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long, unsigned long);
	probe bool(_Bool, _Bool, _Bool, _Bool, _Bool, _Bool, _Bool, _Bool, _Bool, _Bool, _Bool, _Bool);
	probe double(double, double, double, double, double, double, double, double, double, double, double, double);
	probe float(float, float, float, float, float, float, float, float, float, float, float, float);
	probe string(const char *, const char *, const char *, const char *, const char *, const char *, const char *, const char *, const char *, const char *, const char *, const char *);
	probe tagged(struct foo *, struct foo *, struct foo *, struct foo *, struct foo *, struct foo *, struct foo *, struct foo *, struct foo *, struct foo *, struct foo *, struct foo *);
	probe fnptr(int (*)(int), int (*)(int), int (*)(int), int (*)(int), int (*)(int), int (*)(int), int (*)(int), int (*)(int), int (*)(int), int (*)(int), int (*)(int), int (*)(int));
	probe placeholder(conn_t *, conn_t *, conn_t *, conn_t *, conn_t *, conn_t *, conn_t *, conn_t *, conn_t *, conn_t *, conn_t *, conn_t *);
	probe user(foo_t, foo_t, foo_t, foo_t, foo_t, foo_t, foo_t, foo_t, foo_t, foo_t, foo_t, foo_t);
};
