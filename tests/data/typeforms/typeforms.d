/*
 * typeforms.d: the type forms provider files use (typeforms.sh compiles a
 * caller of each probe with sdtkit's headers and SystemTap's). Real files
 * declare placeholder types for the D compiler, which the C code declares
 * differently; some leave type names to their includer.
 */
typedef struct { int dummy; } conn_t;     /* an anonymous placeholder struct */
typedef union { int i; long l; } value_t; /* an anonymous union */
typedef enum { ST_IDLE, ST_BUSY } state_t; /* an anonymous enum */
typedef struct node { int v; } node_t;    /* a tagged struct with a body */
typedef struct request request_t;         /* a tag never defined */
typedef struct req *req_p;                /* a pointer typedef */
typedef struct { int x; } *anon_p;        /* a pointer to an anonymous struct */
typedef conn_t *conn_p;                   /* a pointer to a placeholder */
typedef char *string_t;
typedef int (*callback_t)(void *, int);   /* a function pointer typedef */
typedef int handler_t(int);               /* a function type */
typedef unsigned int Oid;
typedef uint32_t flags_t;
typedef unsigned long long u64_t;

provider tf {
	probe placeholder(conn_t *, const conn_t *, value_t *, conn_t **);
	probe anonenum(state_t, state_t *);
	probe tagged(node_t *, struct node *, request_t *, req_p);
	probe anonptr(anon_p, conn_p);
	probe never(struct never *, union never_u *, const struct never *);
	probe byvalue(struct small, node_t);
	probe undeclared(foo_t, foo_t *, const bar_t *, enum color, enum color *);
	probe pointers(string_t, callback_t, handler_t *, void *, const void *);
	probe funcptr(int (*)(int), void (*)(struct node *, size_t), char (*(*)[3])(void));
	probe arrays(char [16], const char *[], unsigned char [4][8], int [N]);
	probe qualified(volatile long *, const volatile int *, long *restrict, char *const,
	    const char *const *, _Atomic long *);
	probe spellings(unsigned, signed, long unsigned int, unsigned long long, long long int,
	    short int, unsigned char, signed char, char, _Bool, long int, int long);
	probe stdtypes(uintptr_t, intptr_t, int64_t, uint8_t, size_t, ssize_t, off_t, pid_t,
	    ptrdiff_t, intmax_t, bool, uint64_t *);
	probe typedefs(Oid, Oid *, flags_t, u64_t, const Oid *);
	probe floats(float, double);
	probe strings(string, const char *, char *, const unsigned char *);
};
