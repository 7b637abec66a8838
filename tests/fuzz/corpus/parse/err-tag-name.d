provider p { probe a(struct *); };
