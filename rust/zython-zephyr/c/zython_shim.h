/*
 * Zython's thin C shim: the functions the Rust staticlib (rust/zython-zephyr) calls (zy_*) and the
 * functions it exports to C (zython_*). The Rust side declares the same functions by hand in
 * src/ffi.rs: keep both in step.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef ZYTHON_SHIM_H_
#define ZYTHON_SHIM_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Provided by the C shim, called from Rust ---- */

/** Write bytes to the console UART (blocking, polled TX). */
void zy_console_write(const uint8_t *data, size_t len);
/** Block until a console byte arrives; 0..255, or -1 when the console input ended. */
int zy_console_read_byte(void);
/** Raw console (REPL editing: Ctrl-C is input) or normal (code runs: Ctrl-C interrupts). */
void zy_console_set_raw(bool raw);
/** Milliseconds since boot. */
uint64_t zy_uptime_ms(void);
/** Microseconds since boot. */
uint64_t zy_uptime_us(void);
/** Sleep the calling thread. */
void zy_sleep_ms(uint32_t ms);
/** The allocator arena (GC heap + system heap) and its size in *size. */
uint8_t *zy_arena(size_t *size);
/** CONFIG_ZYTHON_HEAP_SIZE. */
size_t zy_gc_heap_size(void);
/** irq_lock() for Rust's critical section. */
uint32_t zy_irq_lock(void);
/** irq_unlock() for Rust's critical section. */
void zy_irq_unlock(uint32_t key);
/** Stack size of the calling thread (CONFIG_THREAD_STACK_INFO). */
size_t zy_thread_stack_size(void);
/** Board target name. */
const char *zy_board_name(void);
/** Rust panicked: reboot (CONFIG_REBOOT) or halt via k_panic(). */
void zy_fatal(void) __attribute__((noreturn));

/* ---- Filesystem (CONFIG_ZYTHON_FS, c/zython_fs.c); paths are absolute, NUL-terminated ---- */

/** zy_fs_op() operations. */
#define ZY_FS_REMOVE 0
#define ZY_FS_MKDIR 1
#define ZY_FS_RENAME 2

/** Mount the volume (CONFIG_ZYTHON_FS_AUTOMOUNT, once); its mount point, *run_boot = CONFIG_ZYTHON_FS_BOOT. */
const char *zy_fs_mount(bool *run_boot);
/** What is at path: 0 nothing, 1 a file (its size in *size), 2 a directory. */
int zy_fs_stat(const char *path, uint64_t *size);
/** Read up to cap bytes of the file into buf; bytes read or a negative errno. */
int zy_fs_read(const char *path, uint8_t *buf, size_t cap);
/** Create/truncate (or with append, extend) the file with len bytes; 0 or a negative errno. */
int zy_fs_write(const char *path, const uint8_t *data, size_t len, bool append);
/** NUL-terminated entry names into buf (those that fit); total bytes needed or negative errno. */
int zy_fs_list(const char *path, uint8_t *buf, size_t cap);
/** ZY_FS_REMOVE (file or empty directory), ZY_FS_MKDIR, ZY_FS_RENAME (to); 0 or negative errno. */
int zy_fs_op(int op, const char *path, const char *to);

/* ---- Provided by Rust, called from C ---- */

/** Allocator statistics (same layout as ZythonMemInfo in src/ffi.rs). */
struct zython_mem_info {
	size_t arena_size;
	size_t arena_used;
	size_t arena_free;
	size_t gc_heap_size;
};

/** Output callback for zython_exec_str(). */
typedef void (*zython_out_fn)(void *ctx, const uint8_t *data, size_t len);

/** Prepare the Rust allocator (idempotent). */
void zython_rust_init(void);
/** REPL thread body: runs the REPL on the console until its input ends. */
void zython_repl_main(void);
/** Ask running Python code to raise KeyboardInterrupt (ISR-safe). */
void zython_interrupt_request(void);
/** Run Python source; output goes to out(ctx, ...). Returns 0 or a negative errno. */
int zython_exec_str(const uint8_t *code, size_t len, zython_out_fn out, void *ctx);
/** Fill *info with allocator statistics. */
void zython_mem_info(struct zython_mem_info *info);

#ifdef __cplusplus
}
#endif

#endif /* ZYTHON_SHIM_H_ */
