typedef unsigned int Oid;
typedef Oid RelId;
typedef struct conn { int fd; } conn_t;
typedef const char *string_t;
typedef int (*cb_t)(int);
typedef unsigned long long u64;
typedef uint32_t port_t;
provider t {
	probe a(Oid o, const RelId *r, conn_t *c, string_t s, cb_t cb);
	probe b(u64 x, port_t p, const string_t cs, mystery_t m);
};
