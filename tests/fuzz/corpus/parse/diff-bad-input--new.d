provider app { probe a(int; };
