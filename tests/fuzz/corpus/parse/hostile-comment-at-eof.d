provider p { probe a(); };
/*