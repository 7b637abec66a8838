/* hello.c: the control of the linker matrix: no probes; a combination that
 * cannot link even this is one the toolchain does not offer */
int
main(void)
{
	return 0;
}
