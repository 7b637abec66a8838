#include "p.d"
provider p { probe a(); };
