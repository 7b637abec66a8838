#include "a.h"
provider p { probe a(); };
