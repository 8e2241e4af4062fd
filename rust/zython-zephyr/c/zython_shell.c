/*
 * The `py` Zephyr shell command (CONFIG_ZYTHON_SHELL): `py -c "code"` and `py mem`.
 *
 * SPDX-License-Identifier: MIT
 */
#include <string.h>
#include <zephyr/shell/shell.h>

#include "zython_shim.h"

static void zy_shell_out(void *ctx, const uint8_t *data, size_t len)
{
	const struct shell *sh = ctx;

	shell_fprintf(sh, SHELL_NORMAL, "%.*s", (int)len, (const char *)data);
}

static int cmd_py_c(const struct shell *sh, size_t argc, char **argv)
{
	ARG_UNUSED(argc);
	const char *code = argv[1];

	return zython_exec_str((const uint8_t *)code, strlen(code), zy_shell_out, (void *)sh);
}

static int cmd_py_mem(const struct shell *sh, size_t argc, char **argv)
{
	ARG_UNUSED(argc);
	ARG_UNUSED(argv);
	struct zython_mem_info mi;

	zython_mem_info(&mi);
	shell_print(sh, "arena: %zu bytes, %zu used, %zu free; GC heap (configured): %zu bytes",
		    mi.arena_size, mi.arena_used, mi.arena_free, mi.gc_heap_size);
	return 0;
}

SHELL_STATIC_SUBCMD_SET_CREATE(sub_py,
	SHELL_CMD_ARG(-c, NULL, "Run Python source: py -c \"code\"", cmd_py_c, 2, 0),
	SHELL_CMD(mem, NULL, "Show Zython memory use", cmd_py_mem),
	SHELL_SUBCMD_SET_END);

SHELL_CMD_REGISTER(py, &sub_py, "Zython (Python)", NULL);
