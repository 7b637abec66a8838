provider app { probe start(int count); probe stop(); };
