#include "types.h"
#define NAME_T const char *
provider p {
	probe a(COUNT_T n, NAME_T s);
};
