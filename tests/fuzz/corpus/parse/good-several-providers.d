provider app {
	probe start(const char *name, int argc);
	probe request__begin(unsigned long long id, struct request *req);
	probe request__end(unsigned long long id, int status);
};

provider db {
	probe query(const char *sql, size_t len);
	probe commit();
};

provider gc {
	probe collect(void);
	probe sweep__done(uint64_t freed, union chunk *first);
};
