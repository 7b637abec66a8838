provider p { probe a(int, const void); };
