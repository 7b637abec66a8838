provider p { probe a(unsigned x y); };
