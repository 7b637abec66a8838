provider p { probe a(); };
/* open
