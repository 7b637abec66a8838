provider p { probe a(int (*cb)("*/")); };
