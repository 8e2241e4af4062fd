/*
 * Zython's filesystem shim (CONFIG_ZYTHON_FS): thin wrappers over Zephyr's fs API for the Rust
 * port (src/fs.rs). Paths arrive absolute and NUL-terminated (the Rust side keeps the current
 * directory); results are byte counts or negative errno values.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <string.h>

#include <zephyr/kernel.h>
#include <zephyr/fs/fs.h>
#include <zephyr/sys/printk.h>

#ifdef CONFIG_FAT_FILESYSTEM_ELM
#include <ff.h>
#endif

#include "zython_shim.h"

#ifdef CONFIG_ZYTHON_FS_AUTOMOUNT
#ifdef CONFIG_FAT_FILESYSTEM_ELM
static FATFS zy_fat;
static struct fs_mount_t zy_mount = {
	.type = FS_FATFS,
	.fs_data = &zy_fat,
	.mnt_point = CONFIG_ZYTHON_FS_MOUNT_POINT,
};
#else
#error "CONFIG_ZYTHON_FS_AUTOMOUNT mounts FAT volumes only: enable CONFIG_FAT_FILESYSTEM_ELM"
#endif
#endif

const char *zy_fs_mount(bool *run_boot)
{
	*run_boot = IS_ENABLED(CONFIG_ZYTHON_FS_BOOT);
#ifdef CONFIG_ZYTHON_FS_AUTOMOUNT
	static bool tried;

	if (!tried) {
		tried = true;
		int rc = fs_mount(&zy_mount);

		if (rc < 0) {
			printk("zython: cannot mount %s (%d)\n", CONFIG_ZYTHON_FS_MOUNT_POINT, rc);
		}
	}
#endif
	return CONFIG_ZYTHON_FS_MOUNT_POINT;
}

int zy_fs_stat(const char *path, uint64_t *size)
{
	struct fs_dirent ent;
	int rc = fs_stat(path, &ent);

	*size = 0;
	if (rc == 0) {
		if (ent.type == FS_DIR_ENTRY_DIR) {
			return 2;
		}
		*size = ent.size;
		return 1;
	}
	/* Mount points and "/" have no directory entry of their own, but they can be listed. */
	struct fs_dir_t dir;

	fs_dir_t_init(&dir);
	if (fs_opendir(&dir, path) == 0) {
		fs_closedir(&dir);
		return 2;
	}
	return 0;
}

int zy_fs_read(const char *path, uint8_t *buf, size_t cap)
{
	struct fs_file_t f;
	size_t got = 0;

	fs_file_t_init(&f);
	int rc = fs_open(&f, path, FS_O_READ);

	if (rc < 0) {
		return rc;
	}
	while (got < cap) {
		ssize_t n = fs_read(&f, buf + got, cap - got);

		if (n <= 0) {
			rc = (int)n;
			break;
		}
		got += (size_t)n;
	}
	fs_close(&f);
	return rc < 0 ? rc : (int)got;
}

int zy_fs_write(const char *path, const uint8_t *data, size_t len, bool append)
{
	struct fs_file_t f;
	fs_mode_t mode = FS_O_WRITE | FS_O_CREATE | (append ? FS_O_APPEND : 0);

	fs_file_t_init(&f);
	int rc = fs_open(&f, path, mode);

	if (rc < 0) {
		return rc;
	}
	if (!append) {
		rc = fs_truncate(&f, 0);
	}
	while (rc >= 0 && len > 0) {
		ssize_t n = fs_write(&f, data, len);

		if (n <= 0) {
			rc = n < 0 ? (int)n : -ENOSPC;
			break;
		}
		data += n;
		len -= (size_t)n;
	}
	int rc2 = fs_close(&f);

	return rc < 0 ? rc : rc2;
}

int zy_fs_list(const char *path, uint8_t *buf, size_t cap)
{
	struct fs_dir_t dir;
	struct fs_dirent ent;
	size_t need = 0;

	fs_dir_t_init(&dir);
	int rc = fs_opendir(&dir, path);

	if (rc < 0) {
		return rc;
	}
	while ((rc = fs_readdir(&dir, &ent)) == 0 && ent.name[0] != '\0') {
		size_t n = strlen(ent.name) + 1;

		if (need + n <= cap) {
			memcpy(buf + need, ent.name, n);
		}
		need += n;
	}
	fs_closedir(&dir);
	return rc < 0 ? rc : (int)need;
}

int zy_fs_op(int op, const char *path, const char *to)
{
	switch (op) {
	case ZY_FS_REMOVE:
		return fs_unlink(path);
	case ZY_FS_MKDIR:
		return fs_mkdir(path);
	case ZY_FS_RENAME:
		return fs_rename(path, to);
	default:
		return -EINVAL;
	}
}
