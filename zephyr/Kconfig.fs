# Zython's filesystem (sourced from zephyr/Kconfig): open(), os and imports over Zephyr's fs API.
# SPDX-License-Identifier: MIT

config ZYTHON_FS
	bool "Filesystem for open(), os and imports"
	default y
	depends on FILE_SYSTEM
	help
	  Give Python files: open(), os.listdir/ilistdir/stat/remove/mkdir/rmdir/rename/getcwd/chdir,
	  import of .py and .mpy files, boot.py and main.py (c/zython_fs.c over Zephyr's fs API).
	  On by default when the build has CONFIG_FILE_SYSTEM; the snippet zython-ramdisk adds a
	  FAT RAM disk for boards without storage (QEMU, native_sim).

if ZYTHON_FS

config ZYTHON_FS_MOUNT_POINT
	string "Mount point (start directory)"
	default "/RAM:"
	help
	  Where the volume is mounted and where Python starts (os.getcwd()); sys.path is
	  ['', '<mount point>/lib']. FAT mount points name the disk: "/RAM:" for the zephyr,ram-disk
	  named RAM, "/SD:" for an SD card, "/NAND:" for a zephyr,flash-disk named NAND.

config ZYTHON_FS_AUTOMOUNT
	bool "Mount a FAT volume at the mount point at start"
	default y if FAT_FILESYSTEM_ELM
	help
	  Mount the disk named by ZYTHON_FS_MOUNT_POINT with FatFs when the REPL starts (formatted
	  on first mount with FS_FATFS_MOUNT_MKFS). Turn off when the application mounts the volume
	  itself (littlefs from an fstab, for example).

config ZYTHON_FS_BOOT
	bool "Run boot.py and main.py"
	default y
	help
	  Run boot.py and then main.py from the mount point when the REPL starts and after each
	  soft reset (a soft reset from the raw REPL runs only boot.py, as in MicroPython).

endif # ZYTHON_FS
