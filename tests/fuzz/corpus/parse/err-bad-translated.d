provider p { probe a(int) : (int; };
