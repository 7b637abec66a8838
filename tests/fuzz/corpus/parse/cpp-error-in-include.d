provider p {
	probe a();
#include "more.h"
};
