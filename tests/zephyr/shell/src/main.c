/* The shell owns the console; Zython is reached through the `py` command. */
int main(void)
{
	return 0;
}
