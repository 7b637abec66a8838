provider p { ; ; };
