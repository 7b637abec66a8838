/* forms.c: an operand form list.c does not produce: a thread-local variable (x86: %fs:, %gs:) */
#include <sys/sdt.h>

__thread int tv;

int
forms(void)
{
	DTRACE_PROBE1(frm, tls, tv);
	return 0;
}
