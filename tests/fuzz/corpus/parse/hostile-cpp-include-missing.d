#include "nothere.h"
provider p { probe a(); };
