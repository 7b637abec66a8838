inline char c = 'a;
provider p { probe a(); };
