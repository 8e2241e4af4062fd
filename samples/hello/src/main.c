/*
 * Run a line of Python from C, then leave the console to the REPL thread.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>
#include <zephyr/kernel.h>
#include <zephyr/sys/printk.h>

#include "zython_shim.h"

static const char hello_py[] = "import sys\n"
			       "print('Hello from Python on', sys.platform)\n";

static void print_out(void *ctx, const uint8_t *data, size_t len)
{
	ARG_UNUSED(ctx);
	printk("%.*s", (int)len, (const char *)data);
}

int main(void)
{
	int rc = zython_exec_str((const uint8_t *)hello_py, strlen(hello_py), print_out, NULL);

	printk("hello sample: zython_exec_str returned %d\n", rc);
	return 0;
}
