provider p { probe a(); };
provider P { probe a(); };
