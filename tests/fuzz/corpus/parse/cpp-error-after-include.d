#include "defs.h"
// two
provider p {
	probe a(int) probe b();
};
