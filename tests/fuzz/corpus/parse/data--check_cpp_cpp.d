/* cpp.d: types from the preprocessor (as PostgreSQL's probes.d has them),
 * from an included header, and from typedefs of its own and of libc */
#include <sys/types.h>
#include "types.h"

#ifdef WIDE
#define Counter unsigned long
#else
#define Counter unsigned int
#endif

typedef unsigned short Port;

provider cpc {
	probe start(LocalTransactionId xid, Counter n);
	probe listen(Port port, __uint64_t token);
};
