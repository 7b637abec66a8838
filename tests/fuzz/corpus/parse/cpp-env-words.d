provider p { probe a(FROM_CPP_VAR); };
