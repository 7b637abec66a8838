#define LocalTransactionId unsigned int
#define LWLockMode int
#define Oid unsigned int

provider postgresql {
	probe transaction__start(LocalTransactionId);
	probe lwlock__acquire(const char *, LWLockMode);
	probe query__start(const char *);
	probe smgr__md__read__done(ForkNumber, BlockNumber, Oid, Oid, Oid, int, int, int);
};
