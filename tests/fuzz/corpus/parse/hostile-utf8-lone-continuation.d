€provider p { probe a(); };
