/* other.c: does not include the probe header, so a change of demo.d leaves it alone */
int other(int);

int
other(int x)
{
	return x + 1;
}
