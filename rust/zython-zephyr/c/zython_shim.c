/*
 * Zython's thin C shim over Zephyr: console UART (polled TX, interrupt-driven RX ring buffer with
 * Ctrl-C detection), time, the allocator arena, the REPL thread and the fatal path.
 * Everything interesting happens in Rust (rust/zython-zephyr); keep this file small.
 *
 * SPDX-License-Identifier: MIT
 */
#include <zephyr/kernel.h>
#include <zephyr/device.h>
#include <zephyr/devicetree.h>
#include <zephyr/drivers/uart.h>
#include <zephyr/init.h>
#include <zephyr/sys/printk.h>
#include <zephyr/sys/ring_buffer.h>
#include <zephyr/logging/log.h>
#include <zephyr/logging/log_ctrl.h>
#ifdef CONFIG_REBOOT
#include <zephyr/sys/reboot.h>
#endif

#include "zython_shim.h"

LOG_MODULE_REGISTER(zython, CONFIG_ZYTHON_LOG_LEVEL);

#define CTRL_C 0x03

#if DT_HAS_CHOSEN(zephyr_console)
#define ZY_CONSOLE DEVICE_DT_GET(DT_CHOSEN(zephyr_console))
#endif

/* ---- Allocator arena: the Python GC heap plus the Rust system heap ---- */

#define ZY_ARENA_SIZE (CONFIG_ZYTHON_HEAP_SIZE + CONFIG_ZYTHON_SYSTEM_HEAP_SIZE)
static uint8_t zy_arena_mem[ZY_ARENA_SIZE] __aligned(16);

uint8_t *zy_arena(size_t *size)
{
	*size = sizeof(zy_arena_mem);
	return zy_arena_mem;
}

size_t zy_gc_heap_size(void)
{
	return CONFIG_ZYTHON_HEAP_SIZE;
}

/* ---- Console ---- */

void zy_console_write(const uint8_t *data, size_t len)
{
#ifdef ZY_CONSOLE
	const struct device *dev = ZY_CONSOLE;

	if (device_is_ready(dev)) {
		for (size_t i = 0; i < len; i++) {
			uart_poll_out(dev, data[i]);
		}
		return;
	}
#endif
	printk("%.*s", (int)len, (const char *)data);
}

/* Given when Ctrl-C requests KeyboardInterrupt: ends a zy_sleep_ms() early (the core measures
 * the time slept and sleeps again when no interrupt is pending).
 */
static K_SEM_DEFINE(zy_wake_sem, 0, 1);

#ifdef CONFIG_ZYTHON_REPL_CONSOLE

RING_BUF_DECLARE(zy_rx_ring, CONFIG_ZYTHON_RX_BUFFER_SIZE);
static K_SEM_DEFINE(zy_rx_sem, 0, 1);
/* Raw while the REPL reads keys (Ctrl-C is input), normal while Python code runs (Ctrl-C
 * requests KeyboardInterrupt and is dropped): set by the Rust port's set_raw_mode().
 */
static atomic_t zy_console_raw = ATOMIC_INIT(1);

void zy_console_set_raw(bool raw)
{
	atomic_set(&zy_console_raw, raw ? 1 : 0);
}

static void zy_rx_byte(uint8_t c)
{
	if (c == CTRL_C && !atomic_get(&zy_console_raw)) {
		zython_interrupt_request();
		k_sem_give(&zy_wake_sem);
		return;
	}
	/* A full buffer drops the byte: the console has no flow control. */
	(void)ring_buf_put(&zy_rx_ring, &c, 1);
	k_sem_give(&zy_rx_sem);
}

int zy_console_read_byte(void)
{
	uint8_t c;

	for (;;) {
		unsigned int key = irq_lock();
		uint32_t n = ring_buf_get(&zy_rx_ring, &c, 1);

		irq_unlock(key);
		if (n) {
			return c;
		}
		k_sem_take(&zy_rx_sem, K_FOREVER);
	}
}

#if defined(CONFIG_UART_INTERRUPT_DRIVEN)
static void zy_uart_isr(const struct device *dev, void *user_data)
{
	ARG_UNUSED(user_data);
	if (!uart_irq_update(dev)) {
		return;
	}
	while (uart_irq_rx_ready(dev)) {
		uint8_t buf[16];
		int n = uart_fifo_read(dev, buf, sizeof(buf));

		if (n <= 0) {
			break;
		}
		for (int i = 0; i < n; i++) {
			zy_rx_byte(buf[i]);
		}
	}
}
#endif

/* Drivers without interrupt-driven RX (native_sim's stdin UART) are polled from a timer. */
static void zy_rx_poll(struct k_timer *timer)
{
	const struct device *dev = k_timer_user_data_get(timer);
	unsigned char c;

	while (uart_poll_in(dev, &c) == 0) {
		zy_rx_byte(c);
	}
}
static K_TIMER_DEFINE(zy_rx_timer, zy_rx_poll, NULL);

static int zy_console_init(void)
{
#ifdef ZY_CONSOLE
	const struct device *dev = ZY_CONSOLE;

	if (!device_is_ready(dev)) {
		LOG_ERR("console UART not ready");
		return -ENODEV;
	}
#if defined(CONFIG_UART_INTERRUPT_DRIVEN)
	if (uart_irq_callback_user_data_set(dev, zy_uart_isr, NULL) == 0) {
		uart_irq_rx_enable(dev);
		return 0;
	}
#endif
	k_timer_user_data_set(&zy_rx_timer, (void *)dev);
	k_timer_start(&zy_rx_timer, K_MSEC(5), K_MSEC(5));
	return 0;
#else
	return -ENODEV;
#endif
}

#else /* !CONFIG_ZYTHON_REPL_CONSOLE: the console belongs to someone else (e.g. the shell) */

int zy_console_read_byte(void)
{
	return -1;
}

void zy_console_set_raw(bool raw)
{
	ARG_UNUSED(raw);
}

#endif /* CONFIG_ZYTHON_REPL_CONSOLE */

/* ---- Time ---- */

uint64_t zy_uptime_ms(void)
{
	return (uint64_t)k_uptime_get();
}

uint64_t zy_uptime_us(void)
{
#if defined(CONFIG_TIMER_HAS_64BIT_CYCLE_COUNTER)
	return k_cyc_to_us_floor64(k_cycle_get_64());
#else
	/* Rebuild a 64-bit cycle count: the tick count gives the high part (within one tick), the
	 * 32-bit hardware cycle counter the exact low part.
	 */
	uint64_t approx = k_ticks_to_cyc_floor64(k_uptime_ticks());
	uint32_t low = k_cycle_get_32();
	uint64_t cyc = (approx & ~(uint64_t)UINT32_MAX) | low;

	if (cyc > approx + (1ULL << 31)) {
		cyc -= 1ULL << 32;
	} else if (cyc + (1ULL << 31) < approx) {
		cyc += 1ULL << 32;
	}
	return k_cyc_to_us_floor64(cyc);
#endif
}

void zy_sleep_ms(uint32_t ms)
{
	(void)k_sem_take(&zy_wake_sem, K_MSEC(MIN(ms, (uint32_t)INT32_MAX)));
}

/* ---- Critical section, board name, fatal ---- */

uint32_t zy_irq_lock(void)
{
	return irq_lock();
}

void zy_irq_unlock(uint32_t key)
{
	irq_unlock(key);
}

size_t zy_thread_stack_size(void)
{
	return k_current_get()->stack_info.size;
}

const char *zy_board_name(void)
{
#ifdef CONFIG_BOARD_TARGET
	return CONFIG_BOARD_TARGET;
#else
	return CONFIG_BOARD;
#endif
}

void zy_fatal(void)
{
	LOG_PANIC();
#ifdef CONFIG_REBOOT
	sys_reboot(SYS_REBOOT_COLD);
#endif
	k_panic();
	k_fatal_halt(K_ERR_KERNEL_PANIC);
}

/* ---- Start-up ---- */

static int zy_init(void)
{
	zython_rust_init();
#ifdef CONFIG_ZYTHON_REPL_CONSOLE
	return zy_console_init();
#else
	return 0;
#endif
}
SYS_INIT(zy_init, APPLICATION, 90);

#ifdef CONFIG_ZYTHON_REPL_CONSOLE
static void zy_repl_thread(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	zython_repl_main();
	LOG_INF("REPL ended (console input closed)");
}
K_THREAD_DEFINE(zython_repl_tid, CONFIG_ZYTHON_THREAD_STACK_SIZE, zy_repl_thread, NULL, NULL, NULL,
		CONFIG_ZYTHON_THREAD_PRIORITY, 0, 0);
#endif
