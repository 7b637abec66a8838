provider p { probe a(double); };
