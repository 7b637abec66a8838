provider p {
#include "common.h"
	probe start(int);
};
