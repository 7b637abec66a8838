inline string v = "abc;
provider p { probe a(); };
