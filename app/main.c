/*
 * The default Zython firmware. The module starts the REPL thread itself (CONFIG_ZYTHON_REPL_CONSOLE),
 * so main() has nothing left to do; a product's own main() can run alongside it.
 *
 * SPDX-License-Identifier: MIT
 */
int main(void)
{
	return 0;
}
