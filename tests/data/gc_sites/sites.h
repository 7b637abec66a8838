/* the sites under test: the probe header's (gc_probes.h, made by the test from gc.d) */
#include "gc_probes.h"
#define HIT(x) GC_HIT(x)
#define MANY(x) GC_MANY(x, x, x, x, x, x, x, x, x, x, x, (long)(x))
#define NONE() GC_NONE()
