/* cppdemo.d: a provider that needs the C preprocessor (-C -I -D) */
#include "cppdemo_level.h"
provider cppdemo {
	probe tick(int n);
#if defined WITH_EXTRA && EXTRA_LEVEL > 1
	probe extra(int n);
#endif
};
