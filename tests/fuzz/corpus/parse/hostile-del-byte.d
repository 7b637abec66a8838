provider p { probe a(); };
