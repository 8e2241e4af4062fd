/*
 * Nothing to do here: the Zython REPL thread runs the frozen boot.py and main.py at start-up,
 * then offers the REPL on the console.
 *
 * SPDX-License-Identifier: MIT
 */
int main(void)
{
	return 0;
}
