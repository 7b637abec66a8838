provider t {
	probe a(uint64_t, int32_t i, size_t n, pid_t pid, bool ok, uintptr_t);
};
