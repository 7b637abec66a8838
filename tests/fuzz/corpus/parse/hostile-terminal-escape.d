provider p { "[2J[31m" };
