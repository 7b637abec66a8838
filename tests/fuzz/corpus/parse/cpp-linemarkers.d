# 0 "p.d"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "/usr/include/stdc-predef.h" 1 3 4
# 0 "<command-line>" 2
# 1 "p.d"
provider p {
# 1 "inc/more.h" 1

 probe b(int);
 probe c(unsigned long, const char *);
# 4 "p.d" 2
 probe a(struct job *j, size_t n);
};
