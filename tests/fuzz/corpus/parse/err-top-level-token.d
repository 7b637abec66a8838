provider p { probe a(); };
probe b();
