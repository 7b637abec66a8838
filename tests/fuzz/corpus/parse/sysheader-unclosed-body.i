# 1 "p.d"
# 1 "/usr/include/stdlib.h" 1 3 4
typedef unsigned long int size_t;
__extension__ typedef long long int __quad_t;
typedef struct { int __val[2]; } __fsid_t;
typedef void (*__sighandler_t) (int);
extern int atoi (const char *__nptr) __attribute__ ((__nothrow__ , __leaf__)) __attribute__ ((__pure__));
extern int fstat (int __fd, struct stat *__buf) __asm__ ("" "fstat64") __attribute__ ((__nothrow__ , __leaf__));
static __inline __uint16_t __bswap_16 (__uint16_t __bsx) { return ((_2
 probe a(str_uint16_t) ((((__bsx) >> 8) & 0xff) | (((__bsx) & 0xff) << 8))); }
struct stat { unsigned long st_dev; long st_pad[3]; };
enum { A = 1 << 2, B };
# 3 "p.d" 2
typedef __quad_t quad;
provider p { probe x(size_t n, quad q, struct stat *st); };
