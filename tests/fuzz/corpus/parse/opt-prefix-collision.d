provider p { probe start(); };
provider q { probe start(int); };
