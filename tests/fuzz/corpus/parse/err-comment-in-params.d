provider p { probe a(void (*cb)(int */ 2)); };
