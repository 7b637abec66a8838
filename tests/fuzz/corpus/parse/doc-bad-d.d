/** a doc comment before an error */
provider p { probe a(int; };
