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

/* ---- machine (CONFIG_ZYTHON_MACHINE, c/zython_machine.c); errors are negative errno ---- */

/** Device classes (the values of zython::hw::Kind). */
#define ZY_KIND_PIN 0
#define ZY_KIND_I2C 1
#define ZY_KIND_SPI 2
#define ZY_KIND_UART 3
#define ZY_KIND_PWM 4
#define ZY_KIND_ADC 5
#define ZY_KIND_TIMER 6
#define ZY_KIND_WDT 7
#define ZY_KIND_RTC 8

/** How a device is named: a string, a (string, number) pair, a number. */
#define ZY_NAME_STR 0
#define ZY_NAME_PAIR 1
#define ZY_NAME_NUM 2

/** One part of an I2C transaction. */
struct zy_i2c_msg {
	uint8_t *buf;
	uint32_t len;
	bool read;
};

/** A device of class kind by name (name/len for STR and PAIR, num for PAIR and NUM); its id. */
int zy_hw_lookup(uint8_t kind, uint8_t form, const uint8_t *name, size_t len, int32_t num);
/** The n-th name of class kind into *name (static); its length, or -ENOENT after the last. */
int zy_hw_name(uint8_t kind, uint32_t n, const char **name);
/** Take the oldest queued interrupt event; false when none. */
bool zy_hw_take_event(uint8_t *kind, uint16_t *id);
/** Events dropped because the queue was full, since the last call. */
uint32_t zy_hw_lost_events(void);
/** Events waiting in the queue. */
uint32_t zy_hw_pending_events(void);
/** Wait up to ms milliseconds, less when an event is queued. */
void zy_hw_wait(uint32_t ms);
/** Busy-wait (k_busy_wait). */
void zy_hw_delay_us(uint32_t us);
/** sys_reboot (CONFIG_REBOOT); returns when it cannot. */
void zy_hw_reset(void);
/** Reset cause as MicroPython's machine.*_RESET (1 power-on .. 5 soft), via hwinfo. */
uint8_t zy_hw_reset_cause(void);
/** hwinfo_get_device_id into buf; its length, 0 when none. */
int zy_hw_unique_id(uint8_t *buf, size_t cap);
/** The system clock's hardware cycles per second. */
uint32_t zy_hw_cpu_freq(void);

/** Configure a pin: mode 0 in, 1 out, 2 open drain; pull bits 1 up, 2 down; value -1 keeps. */
int zy_pin_config(uint16_t id, uint8_t mode, uint8_t pull, int value);
/** Logical level (devicetree active level applied): 0/1. */
int zy_pin_get(uint16_t id);
/** Drive the logical level. */
int zy_pin_set(uint16_t id, bool value);
/** Edge interrupts: trigger bits 1 rising, 2 falling, 0 off. */
int zy_pin_irq(uint16_t id, uint8_t trigger);

/** I2C bus speed. */
int zy_i2c_config(uint16_t id, uint32_t freq);
/** One transaction; -ENODEV when the address is not acknowledged, -EIO on other errors. */
int zy_i2c_transfer(uint16_t id, uint16_t addr, struct zy_i2c_msg *msgs, size_t n, bool stop);

/** SPI settings for a controller. */
int zy_spi_config(uint16_t id, uint32_t baudrate, uint8_t polarity, uint8_t phase, uint8_t bits,
		  bool msb_first);
/** Full duplex: max(tx_len, rx_len) bytes, tx padded with fill. */
int zy_spi_transfer(uint16_t id, const uint8_t *tx, size_t tx_len, uint8_t *rx, size_t rx_len,
		    uint8_t fill);

/** UART line settings (parity 0 none, 1 odd, 2 even). */
int zy_uart_config(uint16_t id, uint32_t baudrate, uint8_t bits, uint8_t parity, uint8_t stop);
/** Received bytes taken without waiting; count. */
int zy_uart_read(uint16_t id, uint8_t *buf, size_t cap);
/** Send bytes (polled); count. */
int zy_uart_write(uint16_t id, const uint8_t *data, size_t len);
/** Received bytes waiting. */
int zy_uart_any(uint16_t id);
/** 1 when everything written has left. */
int zy_uart_txdone(uint16_t id);

/** PWM period and pulse in ns (period 0 stops). */
int zy_pwm_set(uint16_t id, uint32_t period_ns, uint32_t pulse_ns);
/** PWM clock in cycles per second. */
int zy_pwm_clock(uint16_t id, uint64_t *cycles);

/** ADC sample: 16-bit scaled value, and microvolts (-1 when the reference is unknown). */
int zy_adc_read(uint16_t id, uint16_t *u16, int32_t *uv);

/** Start a pool timer (queues ZY_KIND_TIMER events). */
int zy_timer_start(uint16_t id, uint64_t period_us, bool periodic);
/** Stop a pool timer and give a virtual timer's slot back. */
void zy_timer_stop(uint16_t id);

/** Install a reset timeout and start the watchdog. */
int zy_wdt_start(uint16_t id, uint32_t timeout_ms);
/** Feed the watchdog. */
int zy_wdt_feed(uint16_t id);

/** RTC: year, month, day, weekday (0 = Monday), hour, minute, second, microseconds. */
int zy_rtc_get(uint16_t id, uint32_t t[8]);
/** Set the RTC (same fields). */
int zy_rtc_set(uint16_t id, const uint32_t t[8]);

/* ---- zephyr module (CONFIG_ZYTHON_ZEPHYR_MODULE, c/zython_zmod.c) ---- */

/** One thread's stack: name, size, bytes used (-1 unknown without CONFIG_INIT_STACKS). */
struct zy_stack_info {
	char name[32];
	uint32_t size;
	int32_t used;
};

/** The n-th (ready) device's name into *name; its index in the device list, -ENOENT after. */
int zy_z_device(uint32_t n, const char **name, bool ready_only);
/** A ready sensor device by name: its id, or -ENODEV. */
int zy_sensor_open(const uint8_t *name, size_t len);
/** sensor_sample_fetch. */
int zy_sensor_fetch(uint32_t id);
/** sensor_channel_get (first value of the channel). */
int zy_sensor_get(uint32_t id, uint32_t chan, int32_t *val1, int32_t *val2);
/** Run a shell command; output (dummy backend) into out; the command's return code. */
int zy_shell_exec(const char *cmd, char *out, size_t cap, size_t *out_len);
/** The n-th thread's stack statistics; -ENOENT after the last. */
int zy_thread_stack(uint32_t n, struct zy_stack_info *info);

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
/** An interrupt queued a machine event: wake the VM (ISR-safe). */
void zython_machine_wake(void);
/** Fill *info with allocator statistics. */
void zython_mem_info(struct zython_mem_info *info);

#ifdef __cplusplus
}
#endif

#endif /* ZYTHON_SHIM_H_ */
