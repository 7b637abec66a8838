provider p { probe a(); };
â‚