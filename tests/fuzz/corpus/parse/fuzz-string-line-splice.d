provider p { "a\
b" };
