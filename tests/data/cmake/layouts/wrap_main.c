/* wrap_main.c: runs a minipy script through libmp_wrap.so */
int wrap_run(const char *path);

int
main(int argc, char **argv)
{
	return argc == 2 && wrap_run(argv[1]) == 0 ? 0 : 1;
}
