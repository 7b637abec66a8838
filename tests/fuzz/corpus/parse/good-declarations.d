typedef struct conn {
	int fd;
	char name[16];
} conn_t;
struct fwd;
union val { int i; double d; };
enum state { IDLE, BUSY = 2 };
#define MULTI(a, b) \
	provider x { probe y(); }
inline string banner = "provider { probe ";
translator conninfo_t < conn_t *C > {
	fd = C->fd;
	name = stringof(C->name);
};

provider d {
	probe open(conn_t *c);
	probe close(struct conn *c);
};

typedef int after_t;
struct after { after_t x; };
