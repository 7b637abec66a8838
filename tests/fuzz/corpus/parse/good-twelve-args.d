provider t { probe a(int, int, int, int, int, int, int, int, int, int, int, int); };
