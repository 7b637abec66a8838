#pragma D option quiet
syscall::read:entry, syscall::write:entry
/pid == $target && arg2 > 0/
{
	@bytes[execname, "x}"] = sum(arg2);
	self->t = timestamp; printf("%s\n", stringof(`kernel_sym));
}

provider app {
	probe start(int);
};

pid$target:::entry { }
python*:::function-entry /copyinstr(arg1) == "x"/ { trace(arg2); }
END
{
	printa(@bytes);
}
