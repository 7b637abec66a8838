#line 10 "gen.d"
provider q { probe x(int (*)(void)); };
# 20
provider r { probe y(char [4]) : (string); };
