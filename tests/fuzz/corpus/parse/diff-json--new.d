provider app { probe a(int); probe c(); };
