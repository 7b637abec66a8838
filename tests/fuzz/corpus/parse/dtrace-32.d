provider foo { probe a(int); };
