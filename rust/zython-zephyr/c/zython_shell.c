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

/* The shell splits unquoted (or wildcard-expanded) code into several arguments: join them again. */
static char zy_shell_code[CONFIG_SHELL_CMD_BUFF_SIZE];

static int cmd_py_c(const struct shell *sh, size_t argc, char **argv)
{
	size_t len = 0;

	for (size_t i = 1; i < argc; i++) {
		size_t n = strlen(argv[i]);

		if (len + n + 1 >= sizeof(zy_shell_code)) {
			shell_error(sh, "py: code too long");
			return -EINVAL;
		}
		if (i > 1) {
			zy_shell_code[len++] = ' ';
		}
		memcpy(&zy_shell_code[len], argv[i], n);
		len += n;
	}
	return zython_exec_str((const uint8_t *)zy_shell_code, len, zy_shell_out, (void *)sh);
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
	SHELL_CMD_ARG(-c, NULL, "Run Python source: py -c \"code\"", cmd_py_c, 2,
		      SHELL_OPT_ARG_MAX),
	SHELL_CMD(mem, NULL, "Show Zython memory use", cmd_py_mem),
	SHELL_SUBCMD_SET_END);

SHELL_CMD_REGISTER(py, &sub_py, "Zython (Python)", NULL);
