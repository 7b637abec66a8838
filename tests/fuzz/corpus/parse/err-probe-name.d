provider p { probe (int); };
