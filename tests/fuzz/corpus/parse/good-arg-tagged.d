provider t {
	probe a(struct foo *, union u *val, const struct s *cs);
	probe b(struct foo *again, struct s **pp);
};
