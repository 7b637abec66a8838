# 99 "other.d"
provider p { probe a() };
