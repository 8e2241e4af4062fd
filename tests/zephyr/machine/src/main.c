/* The REPL thread is started by the Zython module; the test app has nothing else to do. */
int main(void)
{
	return 0;
}
