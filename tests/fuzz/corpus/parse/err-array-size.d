provider p { probe a(int x[2 + 1]); };
