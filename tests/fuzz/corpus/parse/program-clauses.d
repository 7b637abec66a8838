#pragma D option quiet
syscall::read:entry, syscall::write:entry
/pid == $target && arg2 > 0/
{
	@bytes[execname, "x}"] = sum(arg2);
	printf("%s\n", stringof(`kernel_sym));
}
provider app { probe start(int); };
BEGIN{}
