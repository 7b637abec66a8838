struct s { int x; };
provider p { probe a(struct s); };
