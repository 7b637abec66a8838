int live(int x);
int main(int argc, char **argv)
{
	int s = 0;
	(void)argv;
	for (int i = 0; i < 3; i++)
		s += live(i + argc);
	return s == 0;
}
