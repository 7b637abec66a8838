provider app { probe a(long); probe b(); };
