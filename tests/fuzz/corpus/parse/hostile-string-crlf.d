inline string s = "abc
provider p { probe a(); };
