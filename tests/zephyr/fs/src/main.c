/* The REPL thread (and the filesystem mount) belong to the Zython module; main has nothing to do. */
int main(void)
{
	return 0;
}
