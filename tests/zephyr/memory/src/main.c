/* The REPL thread runs the frozen main.py at start-up; the test app has nothing else to do. */
int main(void)
{
	return 0;
}
