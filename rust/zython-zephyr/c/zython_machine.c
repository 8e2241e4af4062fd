/*
 * Zython's `machine` on Zephyr: the device tables generated from the board's devicetree, and
 * thin wrappers over Zephyr's driver APIs (GPIO, I2C, SPI, UART, PWM, ADC, k_timer, watchdog,
 * RTC, hwinfo, reboot) for the Rust Hardware implementation (rust/zython-zephyr/src/machine.rs).
 *
 * Names come from the devicetree at build time, with no per-board code:
 * - controllers (GPIO, I2C, SPI, UART, PWM, ADC, watchdog, RTC) by node label, found by walking
 *   every enabled node (DT_FOREACH_STATUS_OKAY_NODE) and classified by what their bindings
 *   declare (gpio-controller, the I2C controller's sq-size, the UART controller's
 *   hw-flow-control, the RTC's alarms-count), or for SPI, PWM, ADC and watchdogs, whose
 *   bindings leave nothing common in the generated macros, by the devicetree's generic node
 *   names (spi@.., pwm@.., adc@.., watchdog@/wdt@/wdog@/iwdg@/wwdg@..);
 * - and by alias: every alias of the devicetree (read from the build's dts.cmake into
 *   zython_dt_aliases.h by zephyr/CMakeLists.txt, since the DT macros cannot enumerate aliases);
 * - pins: gpio-leds and gpio-keys children (node labels, else node names) and aliases of nodes
 *   with a `gpios` property;
 * - PWM channels: pwm-leds children and aliases of nodes with `pwms`;
 * - ADC channels: the io-channels of `zephyr,user` (by their io-channel-names, else "adc0"..).
 * Devices are resolved at run time with device_get_binding(), so a node whose driver is not
 * built in (or failed to initialise) is simply absent (ENODEV) instead of a link error.
 *
 * Interrupts (pin edges, timer expiries) push (kind, id) into a fixed ring under irq_lock(),
 * count overflows, and call zython_machine_wake(); Python handlers run later in the VM thread.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <string.h>
#include <zephyr/kernel.h>
#include <zephyr/device.h>
#include <zephyr/devicetree.h>
#include <zephyr/sys/util.h>
#ifdef CONFIG_ZYTHON_MACHINE_PIN
#include <zephyr/drivers/gpio.h>
#endif
#ifdef CONFIG_ZYTHON_MACHINE_I2C
#include <zephyr/drivers/i2c.h>
#endif
#ifdef CONFIG_ZYTHON_MACHINE_SPI
#include <zephyr/drivers/spi.h>
#endif
#ifdef CONFIG_ZYTHON_MACHINE_UART
#include <zephyr/drivers/uart.h>
#include <zephyr/sys/ring_buffer.h>
#endif
#ifdef CONFIG_ZYTHON_MACHINE_PWM
#include <zephyr/drivers/pwm.h>
#endif
#ifdef CONFIG_ZYTHON_MACHINE_ADC
#include <zephyr/drivers/adc.h>
#endif
#ifdef CONFIG_ZYTHON_MACHINE_WDT
#include <zephyr/drivers/watchdog.h>
#endif
#ifdef CONFIG_ZYTHON_MACHINE_RTC
#include <zephyr/drivers/rtc.h>
#endif
#ifdef CONFIG_HWINFO
#include <zephyr/drivers/hwinfo.h>
#endif
#ifdef CONFIG_REBOOT
#include <zephyr/sys/reboot.h>
#endif

#include "zython_shim.h"
#include "zython_dt_aliases.h"

/* ------------------------------------------------------------------------------------------ */
/* Interrupt events */

struct zy_event {
	uint8_t kind;
	uint16_t id;
};

static struct zy_event zy_events[CONFIG_ZYTHON_MACHINE_EVENT_QUEUE];
static uint16_t zy_ev_head;
static uint16_t zy_ev_count;
static uint32_t zy_ev_lost;
/* Given by every event: machine.idle() and lightsleep() wake on it. */
static K_SEM_DEFINE(zy_ev_sem, 0, 1);

/* ISR-safe: never allocates, never blocks. */
static void zy_event_push(uint8_t kind, uint16_t id)
{
	unsigned int key = irq_lock();

	if (zy_ev_count < ARRAY_SIZE(zy_events)) {
		uint16_t tail = (zy_ev_head + zy_ev_count) % ARRAY_SIZE(zy_events);

		zy_events[tail].kind = kind;
		zy_events[tail].id = id;
		zy_ev_count++;
	} else {
		zy_ev_lost++;
	}
	irq_unlock(key);
	k_sem_give(&zy_ev_sem);
	zython_machine_wake();
}

bool zy_hw_take_event(uint8_t *kind, uint16_t *id)
{
	unsigned int key = irq_lock();
	bool got = zy_ev_count > 0;

	if (got) {
		*kind = zy_events[zy_ev_head].kind;
		*id = zy_events[zy_ev_head].id;
		zy_ev_head = (zy_ev_head + 1) % ARRAY_SIZE(zy_events);
		zy_ev_count--;
	}
	irq_unlock(key);
	return got;
}

uint32_t zy_hw_lost_events(void)
{
	unsigned int key = irq_lock();
	uint32_t n = zy_ev_lost;

	zy_ev_lost = 0;
	irq_unlock(key);
	return n;
}

uint32_t zy_hw_pending_events(void)
{
	return zy_ev_count;
}

/* ------------------------------------------------------------------------------------------ */
/* The node table: every enabled node that is a controller of a class we drive. */

/* Class bits of a node known at build time from the properties its binding declares. */
#define ZY_C_GPIO BIT(0)
#define ZY_C_I2C BIT(1)
#define ZY_C_SPI BIT(2)
#define ZY_C_UART BIT(3)
#define ZY_C_PWM BIT(4)
#define ZY_C_ADC BIT(5)
#define ZY_C_WDT BIT(6)
#define ZY_C_RTC BIT(7)
/* Not classified by its binding: SPI, PWM, ADC or watchdog if its node name says so (run time). */
#define ZY_C_BYNAME BIT(8)

#define ZY_BIT_IF(node, prop, bit) COND_CODE_1(DT_NODE_HAS_PROP(node, prop), (bit), (0))

/* gpio-controller, the I2C controller's sq-size (with a default, so always there), the UART
 * controller's hw-flow-control (boolean: always there), the RTC's alarms-count (default 0).
 * Specifier-cell counts (#pwm-cells, #io-channel-cells) are not in the generated macros.
 */
#define ZY_NODE_CLASSES(node)                                                                      \
	(ZY_BIT_IF(node, gpio_controller, ZY_C_GPIO) | ZY_BIT_IF(node, sq_size, ZY_C_I2C) |       \
	 ZY_BIT_IF(node, hw_flow_control, ZY_C_UART) | ZY_BIT_IF(node, alarms_count, ZY_C_RTC))

/* Kept: classified nodes, and unclassified nodes that have a binding (base.yaml's
 * wakeup-source is always there) and a node label: they get a look at their name at run time.
 */
#define ZY_NODE_KEPT(node)                                                                         \
	UTIL_OR(UTIL_OR(DT_NODE_HAS_PROP(node, gpio_controller), DT_NODE_HAS_PROP(node, sq_size)), \
		UTIL_OR(UTIL_OR(DT_NODE_HAS_PROP(node, hw_flow_control),                           \
				DT_NODE_HAS_PROP(node, alarms_count)),                             \
			UTIL_AND(DT_NODE_HAS_PROP(node, wakeup_source),                           \
				 UTIL_BOOL(DT_NUM_NODELABELS(node)))))

struct zy_node {
	/* The device name (DEVICE_DT_NAME): device_get_binding() finds the device by it. */
	const char *dev;
	/* Node labels, NULL-terminated (at most 3 kept). */
	const char *labels[3];
	uint16_t classes;
};

#define ZY_LABEL(label) STRINGIFY(label),

/* An enum gives each kept node its index in zy_nodes (named pins find their controller). */
#define ZY_NODE_ENUM(node) IF_ENABLED(ZY_NODE_KEPT(node), (UTIL_CAT(ZY_NODE_IDX_, node),))
enum {
	DT_FOREACH_STATUS_OKAY_NODE(ZY_NODE_ENUM) ZY_N_NODES
};

#define ZY_NODE_ENTRY(node)                                                                        \
	IF_ENABLED(ZY_NODE_KEPT(node),                                                             \
		   ({.dev = DEVICE_DT_NAME(node),                                                  \
		     .labels = {DT_FOREACH_NODELABEL(node, ZY_LABEL) NULL},                        \
		     .classes = ZY_NODE_CLASSES(node) |                                            \
				(ZY_NODE_CLASSES(node) ? 0 : ZY_C_BYNAME)},))

static const struct zy_node zy_nodes[ZY_N_NODES + 1] = {
	DT_FOREACH_STATUS_OKAY_NODE(ZY_NODE_ENTRY){0}};

/* Aliases of kept nodes: (alias, node index). */
struct zy_alias {
	const char *name;
	uint16_t node;
};

#define ZY_ALIAS_NODE(token, name)                                                                 \
	IF_ENABLED(UTIL_AND(DT_NODE_HAS_STATUS(DT_ALIAS(token), okay),                             \
			    ZY_NODE_KEPT(DT_ALIAS(token))),                                        \
		   ({name, UTIL_CAT(ZY_NODE_IDX_, DT_ALIAS(token))},))

static const struct zy_alias zy_node_aliases[] = {ZY_DT_ALIASES(ZY_ALIAS_NODE){NULL, 0}};

/* Devices resolved on first use (NULL: not looked up yet or absent). */
static const struct device *zy_node_devs[ZY_N_NODES + 1];
static uint8_t zy_node_looked[ZY_N_NODES + 1];

static const struct device *zy_node_dev(uint16_t idx)
{
	if (idx >= ZY_N_NODES) {
		return NULL;
	}
	if (!zy_node_looked[idx]) {
		const struct device *dev = device_get_binding(zy_nodes[idx].dev);

		zy_node_devs[idx] = (dev != NULL && device_is_ready(dev)) ? dev : NULL;
		zy_node_looked[idx] = 1;
	}
	return zy_node_devs[idx];
}

static bool zy_prefix(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* The node's full name without the unit address starts with one of the generic names. */
static uint16_t zy_node_classes(uint16_t idx)
{
	uint16_t c = zy_nodes[idx].classes;

	if (c & ZY_C_BYNAME) {
		const char *n = zy_nodes[idx].dev;

		if (zy_prefix(n, "spi")) {
			return ZY_C_SPI;
		}
		if (zy_prefix(n, "adc")) {
			return ZY_C_ADC;
		}
		if (zy_prefix(n, "pwm")) {
			return ZY_C_PWM;
		}
		if (zy_prefix(n, "watchdog") || zy_prefix(n, "wdt") || zy_prefix(n, "wdog") ||
		    zy_prefix(n, "iwdg") || zy_prefix(n, "wwdg")) {
			return ZY_C_WDT;
		}
		return 0;
	}
	return c;
}

static bool zy_console_uart(const struct device *dev)
{
#if DT_HAS_CHOSEN(zephyr_console)
	if (dev == device_get_binding(DEVICE_DT_NAME(DT_CHOSEN(zephyr_console)))) {
		return true;
	}
#endif
#if DT_HAS_CHOSEN(zephyr_shell_uart)
	if (dev == device_get_binding(DEVICE_DT_NAME(DT_CHOSEN(zephyr_shell_uart)))) {
		return true;
	}
#endif
	ARG_UNUSED(dev);
	return false;
}

/* Is node idx a usable device of these classes? */
static bool zy_node_usable(uint16_t idx, uint16_t cls)
{
	if (idx >= ZY_N_NODES || !(zy_node_classes(idx) & cls)) {
		return false;
	}
	const struct device *dev = zy_node_dev(idx);

	if (dev == NULL) {
		return false;
	}
	if ((cls & ZY_C_UART) && zy_console_uart(dev)) {
		return false;
	}
	return true;
}

static bool zy_name_eq(const char *s, const uint8_t *name, size_t len)
{
	return strlen(s) == len && memcmp(s, name, len) == 0;
}

/* A node of class cls by node label or alias; its index or -ENODEV. */
static int zy_node_find(uint16_t cls, const uint8_t *name, size_t len)
{
	for (uint16_t i = 0; i < ZY_N_NODES; i++) {
		for (int j = 0; j < ARRAY_SIZE(zy_nodes[i].labels) && zy_nodes[i].labels[j]; j++) {
			if (zy_name_eq(zy_nodes[i].labels[j], name, len)) {
				return zy_node_usable(i, cls) ? i : -ENODEV;
			}
		}
	}
	for (const struct zy_alias *a = zy_node_aliases; a->name; a++) {
		if (zy_name_eq(a->name, name, len)) {
			return zy_node_usable(a->node, cls) ? a->node : -ENODEV;
		}
	}
	return -ENODEV;
}

/* Is this alias also a node label of its node (then it is listed once)? */
static bool zy_alias_is_label(const struct zy_alias *a)
{
	const struct zy_node *nd = &zy_nodes[a->node];

	for (int j = 0; j < ARRAY_SIZE(nd->labels) && nd->labels[j]; j++) {
		if (strcmp(nd->labels[j], a->name) == 0) {
			return true;
		}
	}
	return false;
}

/* The n-th name (labels, then aliases) of a usable node of class cls, or NULL. */
static const char *zy_node_name(uint16_t cls, uint32_t n)
{
	for (uint16_t i = 0; i < ZY_N_NODES; i++) {
		for (int j = 0; j < ARRAY_SIZE(zy_nodes[i].labels) && zy_nodes[i].labels[j]; j++) {
			if (zy_node_usable(i, cls) && n-- == 0) {
				return zy_nodes[i].labels[j];
			}
		}
	}
	for (const struct zy_alias *a = zy_node_aliases; a->name; a++) {
		if (zy_node_usable(a->node, cls) && !zy_alias_is_label(a) && n-- == 0) {
			return a->name;
		}
	}
	return NULL;
}

/* Num(n): the n-th usable node of class cls (UART(1), WDT(0)). */
static int zy_node_nth(uint16_t cls, int32_t n)
{
	for (uint16_t i = 0; i < ZY_N_NODES && n >= 0; i++) {
		if (zy_node_usable(i, cls) && n-- == 0) {
			return i;
		}
	}
	return -ENODEV;
}

/* ------------------------------------------------------------------------------------------ */
/* Pins */

#ifdef CONFIG_ZYTHON_MACHINE_PIN

struct zy_named_pin {
	const char *name;
	uint16_t ctrl; /* index in zy_nodes */
	uint8_t pin;
	uint16_t flags; /* devicetree flags: active level, pulls */
};

#define ZY_PIN_OF(node, name)                                                                      \
	{name, UTIL_CAT(ZY_NODE_IDX_, DT_GPIO_CTLR(node, gpios)), DT_GPIO_PIN(node, gpios),         \
	 DT_GPIO_FLAGS(node, gpios)},
#define ZY_PIN_LABEL(label, node) ZY_PIN_OF(node, STRINGIFY(label))
/* gpio-leds / gpio-keys children: by each node label, else by node name. */
#define ZY_PIN_CHILD(node)                                                                         \
	IF_ENABLED(DT_NODE_HAS_PROP(node, gpios),                                                  \
		   (COND_CODE_1(UTIL_BOOL(DT_NUM_NODELABELS(node)),                                \
				(DT_FOREACH_NODELABEL_VARGS(node, ZY_PIN_LABEL, node)),            \
				(ZY_PIN_OF(node, DT_NODE_FULL_NAME(node))))))
#define ZY_PIN_PARENT(node) DT_FOREACH_CHILD_STATUS_OKAY(node, ZY_PIN_CHILD)
#define ZY_PIN_ALIAS(token, name)                                                                  \
	IF_ENABLED(UTIL_AND(DT_NODE_HAS_STATUS(DT_ALIAS(token), okay),                             \
			    DT_NODE_HAS_PROP(DT_ALIAS(token), gpios)),                             \
		   (ZY_PIN_OF(DT_ALIAS(token), name)))

static const struct zy_named_pin zy_named_pins[] = {
	ZY_DT_ALIASES(ZY_PIN_ALIAS)
	DT_FOREACH_STATUS_OKAY(gpio_leds, ZY_PIN_PARENT)
	DT_FOREACH_STATUS_OKAY(gpio_keys, ZY_PIN_PARENT)
	{NULL, 0, 0, 0}};

#define ZY_N_NAMED_PINS (ARRAY_SIZE(zy_named_pins) - 1)

/* Pin ids: below 0x8000 an index in zy_named_pins; else 0x8000 | controller << 5 | pin. */
#define ZY_PIN_PAIR 0x8000u

struct zy_pin {
	const struct device *dev;
	uint16_t ctrl;
	gpio_pin_t pin;
	gpio_dt_flags_t flags;
};

static int zy_pin(uint16_t id, struct zy_pin *p)
{
	if (id & ZY_PIN_PAIR) {
		p->ctrl = (id & 0x7fffu) >> 5;
		p->pin = id & 31u;
		p->flags = 0;
	} else if (id < ZY_N_NAMED_PINS) {
		p->ctrl = zy_named_pins[id].ctrl;
		p->pin = zy_named_pins[id].pin;
		p->flags = zy_named_pins[id].flags;
	} else {
		return -ENODEV;
	}
	if (!zy_node_usable(p->ctrl, ZY_C_GPIO)) {
		return -ENODEV;
	}
	p->dev = zy_node_dev(p->ctrl);
	return 0;
}

/* Pin interrupts: one callback per GPIO controller, the id to queue for each of its pins. */
struct zy_gpio_irq {
	struct gpio_callback cb;
	uint16_t ctrl;
	bool added;
	uint16_t ids[32];
};

static struct zy_gpio_irq zy_gpio_irqs[CONFIG_ZYTHON_MACHINE_PIN_IRQ_PORTS];

static void zy_gpio_isr(const struct device *dev, struct gpio_callback *cb, uint32_t pins)
{
	struct zy_gpio_irq *g = CONTAINER_OF(cb, struct zy_gpio_irq, cb);

	ARG_UNUSED(dev);
	pins &= cb->pin_mask;
	while (pins) {
		int bit = __builtin_ctz(pins);

		pins &= pins - 1;
		zy_event_push(ZY_KIND_PIN, g->ids[bit]);
	}
}

int zy_pin_config(uint16_t id, uint8_t mode, uint8_t pull, int value)
{
	struct zy_pin p;
	int err = zy_pin(id, &p);

	if (err) {
		return err;
	}
	/* The devicetree's active level and pulls stay; the mode and Python's pull are added. */
	gpio_flags_t f = p.flags & ~(GPIO_PULL_UP | GPIO_PULL_DOWN);

	if (pull & 1) {
		f |= GPIO_PULL_UP;
	}
	if (pull & 2) {
		f |= GPIO_PULL_DOWN;
	}
	if (pull == 0) {
		f |= p.flags & (GPIO_PULL_UP | GPIO_PULL_DOWN);
	}
	switch (mode) {
	case 0:
		f |= GPIO_INPUT;
		break;
	case 2:
		f |= GPIO_OPEN_DRAIN;
		__fallthrough;
	case 1:
		/* Outputs stay readable (value() of an output gives what it drives). */
		f |= GPIO_OUTPUT | GPIO_INPUT;
		if (value == 0) {
			f |= GPIO_OUTPUT_INIT_LOW | GPIO_OUTPUT_INIT_LOGICAL;
		} else if (value > 0) {
			f |= GPIO_OUTPUT_INIT_HIGH | GPIO_OUTPUT_INIT_LOGICAL;
		}
		break;
	default:
		return -EINVAL;
	}
	err = gpio_pin_configure(p.dev, p.pin, f);
	if (err == -ENOTSUP && (f & GPIO_INPUT) && (f & GPIO_OUTPUT)) {
		/* Controllers that cannot read back outputs: output only. */
		err = gpio_pin_configure(p.dev, p.pin, f & ~GPIO_INPUT);
	}
	return err;
}

int zy_pin_get(uint16_t id)
{
	struct zy_pin p;
	int err = zy_pin(id, &p);

	return err ? err : gpio_pin_get(p.dev, p.pin);
}

int zy_pin_set(uint16_t id, bool value)
{
	struct zy_pin p;
	int err = zy_pin(id, &p);

	return err ? err : gpio_pin_set(p.dev, p.pin, value);
}

int zy_pin_irq(uint16_t id, uint8_t trigger)
{
	struct zy_pin p;
	int err = zy_pin(id, &p);
	struct zy_gpio_irq *g = NULL;

	if (err) {
		return err;
	}
	for (int i = 0; i < ARRAY_SIZE(zy_gpio_irqs); i++) {
		if (zy_gpio_irqs[i].added && zy_gpio_irqs[i].ctrl == p.ctrl) {
			g = &zy_gpio_irqs[i];
			break;
		}
	}
	if (trigger == 0) {
		err = gpio_pin_interrupt_configure(p.dev, p.pin, GPIO_INT_DISABLE);
		if (g != NULL) {
			g->cb.pin_mask &= ~BIT(p.pin);
		}
		return err;
	}
	if (g == NULL) {
		for (int i = 0; i < ARRAY_SIZE(zy_gpio_irqs); i++) {
			if (!zy_gpio_irqs[i].added) {
				g = &zy_gpio_irqs[i];
				break;
			}
		}
		if (g == NULL) {
			return -ENOMEM;
		}
		gpio_init_callback(&g->cb, zy_gpio_isr, 0);
		err = gpio_add_callback(p.dev, &g->cb);
		if (err) {
			return err;
		}
		g->ctrl = p.ctrl;
		g->added = true;
	}
	unsigned int key = irq_lock();

	g->ids[p.pin] = id;
	g->cb.pin_mask |= BIT(p.pin);
	irq_unlock(key);
	/* Edges of the logical level: with an active-low pin, RISING means "becomes active". */
	gpio_flags_t f = (trigger & 3) == 3 ? GPIO_INT_EDGE_BOTH
			 : (trigger & 1)    ? GPIO_INT_EDGE_RISING
					    : GPIO_INT_EDGE_FALLING;
	return gpio_pin_interrupt_configure(p.dev, p.pin, f);
}

static int zy_pin_lookup(uint8_t form, const uint8_t *name, size_t len, int32_t num)
{
	if (form == ZY_NAME_STR) {
		for (uint16_t i = 0; i < ZY_N_NAMED_PINS; i++) {
			if (zy_name_eq(zy_named_pins[i].name, name, len)) {
				return zy_node_usable(zy_named_pins[i].ctrl, ZY_C_GPIO) ? i : -ENODEV;
			}
		}
		return -ENODEV;
	}
	if (form == ZY_NAME_PAIR) {
		int ctrl = zy_node_find(ZY_C_GPIO, name, len);

		if (ctrl < 0) {
			return ctrl;
		}
		if (num < 0 || num > 31 || ctrl > 0x3ff) {
			return -EINVAL;
		}
		return ZY_PIN_PAIR | (ctrl << 5) | num;
	}
	return -ENODEV;
}

static const char *zy_pin_name(uint32_t n)
{
	for (uint16_t i = 0; i < ZY_N_NAMED_PINS; i++) {
		if (!zy_node_usable(zy_named_pins[i].ctrl, ZY_C_GPIO)) {
			continue;
		}
		/* Each name once (an alias and a node label often agree). */
		bool dup = false;

		for (uint16_t j = 0; j < i && !dup; j++) {
			dup = strcmp(zy_named_pins[j].name, zy_named_pins[i].name) == 0;
		}
		if (!dup && n-- == 0) {
			return zy_named_pins[i].name;
		}
	}
	return NULL;
}

#endif /* CONFIG_ZYTHON_MACHINE_PIN */

/* ------------------------------------------------------------------------------------------ */
/* I2C */

#ifdef CONFIG_ZYTHON_MACHINE_I2C

int zy_i2c_config(uint16_t id, uint32_t freq)
{
	const struct device *dev = zy_node_dev(id);
	uint32_t speed;

	if (dev == NULL) {
		return -ENODEV;
	}
	if (freq <= 100000) {
		speed = I2C_SPEED_STANDARD;
	} else if (freq <= 400000) {
		speed = I2C_SPEED_FAST;
	} else if (freq <= 1000000) {
		speed = I2C_SPEED_FAST_PLUS;
	} else if (freq <= 3400000) {
		speed = I2C_SPEED_HIGH;
	} else {
		speed = I2C_SPEED_ULTRA;
	}
	return i2c_configure(dev, I2C_MODE_CONTROLLER | I2C_SPEED_SET(speed));
}

/*
 * Zephyr's drivers return -EIO for an address NACK and for every other bus error alike. After a
 * failed transaction, an empty write probes the address: when it is not acknowledged either,
 * the device is absent (-ENODEV, MicroPython's error for a NACKed address); else -EIO.
 */
int zy_i2c_transfer(uint16_t id, uint16_t addr, struct zy_i2c_msg *msgs, size_t n, bool stop)
{
	const struct device *dev = zy_node_dev(id);
	struct i2c_msg m[CONFIG_ZYTHON_MACHINE_I2C_MAX_MSGS];
	uint8_t dummy = 0;

	if (dev == NULL) {
		return -ENODEV;
	}
	if (n > ARRAY_SIZE(m)) {
		return -EINVAL;
	}
	for (size_t i = 0; i < n; i++) {
		/* An empty message points at a real byte: some targets look at buf[0] anyway. */
		m[i].buf = msgs[i].len ? msgs[i].buf : &dummy;
		m[i].len = msgs[i].len;
		m[i].flags = (msgs[i].read ? I2C_MSG_READ : I2C_MSG_WRITE) |
			     ((i > 0 && msgs[i].read != msgs[i - 1].read) ? I2C_MSG_RESTART : 0);
	}
	if (n == 0) {
		/* An address-only write (I2C.scan(), writeto(addr, b'')). */
		m[0].buf = &dummy;
		m[0].len = 0;
		m[0].flags = I2C_MSG_WRITE;
		n = 1;
	}
	if (stop) {
		m[n - 1].flags |= I2C_MSG_STOP;
	}
	int err = i2c_transfer(dev, m, n, addr);

	if (err == 0) {
		return 0;
	}
	struct i2c_msg probe = {.buf = &dummy, .len = 0, .flags = I2C_MSG_WRITE | I2C_MSG_STOP};

	if (n == 1 && m[0].len == 0 && !(m[0].flags & I2C_MSG_READ)) {
		return -ENODEV;
	}
	return i2c_transfer(dev, &probe, 1, addr) ? -ENODEV : -EIO;
}

#endif /* CONFIG_ZYTHON_MACHINE_I2C */

/* ------------------------------------------------------------------------------------------ */
/* SPI */

#ifdef CONFIG_ZYTHON_MACHINE_SPI

/* One configuration per SPI controller in use (spi_transceive keeps a pointer to it). */
struct zy_spi {
	uint16_t node;
	bool used;
	struct spi_config cfg;
};
static struct zy_spi zy_spis[CONFIG_ZYTHON_MACHINE_SPI_BUSES];

static struct zy_spi *zy_spi_slot(uint16_t id)
{
	struct zy_spi *free = NULL;

	for (int i = 0; i < ARRAY_SIZE(zy_spis); i++) {
		if (zy_spis[i].used && zy_spis[i].node == id) {
			return &zy_spis[i];
		}
		if (!zy_spis[i].used && free == NULL) {
			free = &zy_spis[i];
		}
	}
	if (free != NULL) {
		free->used = true;
		free->node = id;
		free->cfg.frequency = 1000000;
		free->cfg.operation = SPI_WORD_SET(8) | SPI_OP_MODE_MASTER | SPI_TRANSFER_MSB;
		free->cfg.slave = 0;
	}
	return free;
}

int zy_spi_config(uint16_t id, uint32_t baudrate, uint8_t polarity, uint8_t phase, uint8_t bits,
		  bool msb_first)
{
	struct zy_spi *s = zy_spi_slot(id);

	if (zy_node_dev(id) == NULL) {
		return -ENODEV;
	}
	if (s == NULL) {
		return -ENOMEM;
	}
	s->cfg.frequency = baudrate;
	s->cfg.operation = SPI_WORD_SET(bits) | SPI_OP_MODE_MASTER |
			   (polarity ? SPI_MODE_CPOL : 0) | (phase ? SPI_MODE_CPHA : 0) |
			   (msb_first ? SPI_TRANSFER_MSB : SPI_TRANSFER_LSB);
	return 0;
}

/* Append a segment of the byte stream to a buffer list, the first byte in a buffer of its own:
 * the same bytes on the wire, and what register-oriented drivers and emulators (the BMI160's on
 * spi-emul) expect of a command byte followed by data.
 */
static bool zy_seg(struct spi_buf *b, size_t *n, size_t cap, uint8_t *buf, size_t len,
		   size_t *pos)
{
	if (len == 0) {
		return true;
	}
	if (*pos == 0 && len > 1) {
		if (*n >= cap) {
			return false;
		}
		b[*n].buf = buf;
		b[(*n)++].len = 1;
		buf = buf ? buf + 1 : NULL;
		len--;
		*pos = 1;
	}
	if (*n >= cap) {
		return false;
	}
	b[*n].buf = buf;
	b[(*n)++].len = len;
	*pos += len;
	return true;
}

int zy_spi_transfer(uint16_t id, const uint8_t *tx, size_t tx_len, uint8_t *rx, size_t rx_len,
		    uint8_t fill)
{
	const struct device *dev = zy_node_dev(id);
	struct zy_spi *s = zy_spi_slot(id);
	uint8_t fillbuf[16];

	if (dev == NULL) {
		return -ENODEV;
	}
	if (s == NULL) {
		return -ENOMEM;
	}
	memset(fillbuf, fill, sizeof(fillbuf));
	size_t total = MAX(tx_len, rx_len);
	/* TX: the data, then fill bytes in chunks of the fill buffer; RX: the buffer, then skip. */
	struct spi_buf txb[2 + CONFIG_ZYTHON_MACHINE_SPI_FILL_CHUNKS];
	struct spi_buf rxb[3];
	size_t ntx = 0, nrx = 0, pos = 0;

	if (!zy_seg(txb, &ntx, ARRAY_SIZE(txb), (uint8_t *)tx, tx_len, &pos)) {
		return -EINVAL;
	}
	for (size_t left = total - tx_len; left > 0;) {
		size_t c = MIN(left, sizeof(fillbuf));

		if (!zy_seg(txb, &ntx, ARRAY_SIZE(txb), fillbuf, c, &pos)) {
			return -EINVAL;
		}
		left -= c;
	}
	pos = 0;
	(void)zy_seg(rxb, &nrx, ARRAY_SIZE(rxb), rx, rx_len, &pos);
	(void)zy_seg(rxb, &nrx, ARRAY_SIZE(rxb), NULL, total - rx_len, &pos);

	const struct spi_buf_set txs = {.buffers = txb, .count = ntx};
	const struct spi_buf_set rxs = {.buffers = rxb, .count = nrx};

	return spi_transceive(dev, &s->cfg, &txs, &rxs);
}

#endif /* CONFIG_ZYTHON_MACHINE_SPI */

/* ------------------------------------------------------------------------------------------ */
/* UART (never the console's: it is not in the table) */

#ifdef CONFIG_ZYTHON_MACHINE_UART

struct zy_uart {
	const struct device *dev;
	uint16_t node;
	struct ring_buf rx;
	uint8_t rx_mem[CONFIG_ZYTHON_MACHINE_UART_RX_SIZE];
};
static struct zy_uart zy_uarts[CONFIG_ZYTHON_MACHINE_UARTS];

static void zy_uart_isr(const struct device *dev, void *user_data)
{
	struct zy_uart *u = user_data;

	if (!uart_irq_update(dev)) {
		return;
	}
	while (uart_irq_rx_ready(dev)) {
		uint8_t buf[16];
		int n = uart_fifo_read(dev, buf, sizeof(buf));

		if (n <= 0) {
			break;
		}
		/* A full buffer drops bytes, as a UART without flow control would. */
		(void)ring_buf_put(&u->rx, buf, n);
	}
}

/* The UART's slot, set up (RX interrupt on) on first use. */
static struct zy_uart *zy_uart_slot(uint16_t id)
{
	const struct device *dev = zy_node_dev(id);
	struct zy_uart *free = NULL;

	if (dev == NULL) {
		return NULL;
	}
	for (int i = 0; i < ARRAY_SIZE(zy_uarts); i++) {
		if (zy_uarts[i].dev == dev) {
			return &zy_uarts[i];
		}
		if (zy_uarts[i].dev == NULL && free == NULL) {
			free = &zy_uarts[i];
		}
	}
	if (free == NULL) {
		return NULL;
	}
	ring_buf_init(&free->rx, sizeof(free->rx_mem), free->rx_mem);
	free->node = id;
	if (uart_irq_callback_user_data_set(dev, zy_uart_isr, free) != 0) {
		return NULL;
	}
	free->dev = dev;
	uart_irq_rx_enable(dev);
	return free;
}

int zy_uart_config(uint16_t id, uint32_t baudrate, uint8_t bits, uint8_t parity, uint8_t stop)
{
	struct zy_uart *u = zy_uart_slot(id);

	if (u == NULL) {
		return zy_node_dev(id) == NULL ? -ENODEV : -ENOMEM;
	}
	struct uart_config cfg;
	int err = uart_config_get(u->dev, &cfg);

	if (err == -ENOSYS || err == -ENOTSUP) {
		/* A driver without run-time configuration keeps its devicetree settings. */
		return 0;
	}
	if (err) {
		return err;
	}
	cfg.baudrate = baudrate;
	cfg.parity = parity == 1 ? UART_CFG_PARITY_ODD
		     : parity == 2 ? UART_CFG_PARITY_EVEN
				   : UART_CFG_PARITY_NONE;
	cfg.stop_bits = stop == 2 ? UART_CFG_STOP_BITS_2 : UART_CFG_STOP_BITS_1;
	cfg.data_bits = bits == 5   ? UART_CFG_DATA_BITS_5
			: bits == 6 ? UART_CFG_DATA_BITS_6
			: bits == 7 ? UART_CFG_DATA_BITS_7
			: bits == 9 ? UART_CFG_DATA_BITS_9
				    : UART_CFG_DATA_BITS_8;
	err = uart_configure(u->dev, &cfg);
	return (err == -ENOSYS) ? 0 : err;
}

int zy_uart_read(uint16_t id, uint8_t *buf, size_t cap)
{
	struct zy_uart *u = zy_uart_slot(id);

	if (u == NULL) {
		return -ENODEV;
	}
	unsigned int key = irq_lock();
	uint32_t n = ring_buf_get(&u->rx, buf, cap);

	irq_unlock(key);
	return (int)n;
}

int zy_uart_write(uint16_t id, const uint8_t *data, size_t len)
{
	struct zy_uart *u = zy_uart_slot(id);

	if (u == NULL) {
		return -ENODEV;
	}
	for (size_t i = 0; i < len; i++) {
		uart_poll_out(u->dev, data[i]);
	}
	return (int)len;
}

int zy_uart_any(uint16_t id)
{
	struct zy_uart *u = zy_uart_slot(id);

	if (u == NULL) {
		return -ENODEV;
	}
	unsigned int key = irq_lock();
	uint32_t n = ring_buf_size_get(&u->rx);

	irq_unlock(key);
	return (int)n;
}

int zy_uart_txdone(uint16_t id)
{
	/* Writes are polled: each byte has been handed to the transmitter when write() returns. */
	return zy_uart_slot(id) == NULL ? -ENODEV : 1;
}

#endif /* CONFIG_ZYTHON_MACHINE_UART */

/* ------------------------------------------------------------------------------------------ */
/* PWM: pwm-leds children and aliases of nodes with `pwms`, or (controller, channel) */

#ifdef CONFIG_ZYTHON_MACHINE_PWM

struct zy_named_pwm {
	const char *name;
	uint16_t ctrl;
	uint32_t channel;
	pwm_flags_t flags;
};

#define ZY_PWM_OF(node, name)                                                                      \
	{name, UTIL_CAT(ZY_NODE_IDX_, DT_PWMS_CTLR(node)), DT_PWMS_CHANNEL(node),                   \
	 DT_PWMS_FLAGS(node)},
#define ZY_PWM_LABEL(label, node) ZY_PWM_OF(node, STRINGIFY(label))
#define ZY_PWM_CHILD(node)                                                                         \
	IF_ENABLED(DT_NODE_HAS_PROP(node, pwms),                                                   \
		   (COND_CODE_1(UTIL_BOOL(DT_NUM_NODELABELS(node)),                                \
				(DT_FOREACH_NODELABEL_VARGS(node, ZY_PWM_LABEL, node)),            \
				(ZY_PWM_OF(node, DT_NODE_FULL_NAME(node))))))
#define ZY_PWM_PARENT(node) DT_FOREACH_CHILD_STATUS_OKAY(node, ZY_PWM_CHILD)
#define ZY_PWM_ALIAS(token, name)                                                                  \
	IF_ENABLED(UTIL_AND(DT_NODE_HAS_STATUS(DT_ALIAS(token), okay),                             \
			    DT_NODE_HAS_PROP(DT_ALIAS(token), pwms)),                              \
		   (ZY_PWM_OF(DT_ALIAS(token), name)))

static const struct zy_named_pwm zy_named_pwms[] = {
	ZY_DT_ALIASES(ZY_PWM_ALIAS)
	DT_FOREACH_STATUS_OKAY(pwm_leds, ZY_PWM_PARENT)
	{NULL, 0, 0, 0}};
#define ZY_N_NAMED_PWMS (ARRAY_SIZE(zy_named_pwms) - 1)
#define ZY_PWM_PAIR 0x8000u

static int zy_pwm(uint16_t id, const struct device **dev, uint32_t *ch, pwm_flags_t *flags)
{
	uint16_t ctrl;

	if (id & ZY_PWM_PAIR) {
		ctrl = (id & 0x7fffu) >> 6;
		*ch = id & 63u;
		*flags = 0;
	} else if (id < ZY_N_NAMED_PWMS) {
		ctrl = zy_named_pwms[id].ctrl;
		*ch = zy_named_pwms[id].channel;
		*flags = zy_named_pwms[id].flags;
	} else {
		return -ENODEV;
	}
	if (!zy_node_usable(ctrl, ZY_C_PWM)) {
		return -ENODEV;
	}
	*dev = zy_node_dev(ctrl);
	return 0;
}

int zy_pwm_set(uint16_t id, uint32_t period_ns, uint32_t pulse_ns)
{
	const struct device *dev;
	uint32_t ch;
	pwm_flags_t flags;
	int err = zy_pwm(id, &dev, &ch, &flags);

	return err ? err : pwm_set(dev, ch, period_ns, pulse_ns, flags);
}

int zy_pwm_clock(uint16_t id, uint64_t *cycles)
{
	const struct device *dev;
	uint32_t ch;
	pwm_flags_t flags;
	int err = zy_pwm(id, &dev, &ch, &flags);

	return err ? err : pwm_get_cycles_per_sec(dev, ch, cycles);
}

static int zy_pwm_lookup(uint8_t form, const uint8_t *name, size_t len, int32_t num)
{
	if (form == ZY_NAME_STR) {
		for (uint16_t i = 0; i < ZY_N_NAMED_PWMS; i++) {
			if (zy_name_eq(zy_named_pwms[i].name, name, len)) {
				return zy_node_usable(zy_named_pwms[i].ctrl, ZY_C_PWM) ? i : -ENODEV;
			}
		}
		return -ENODEV;
	}
	if (form == ZY_NAME_PAIR) {
		int ctrl = zy_node_find(ZY_C_PWM, name, len);

		if (ctrl < 0) {
			return ctrl;
		}
		if (num < 0 || num > 63 || ctrl > 0x1ff) {
			return -EINVAL;
		}
		return ZY_PWM_PAIR | (ctrl << 6) | num;
	}
	return -ENODEV;
}

static const char *zy_pwm_name(uint32_t n)
{
	for (uint16_t i = 0; i < ZY_N_NAMED_PWMS; i++) {
		if (zy_node_usable(zy_named_pwms[i].ctrl, ZY_C_PWM) && n-- == 0) {
			return zy_named_pwms[i].name;
		}
	}
	return NULL;
}

#endif /* CONFIG_ZYTHON_MACHINE_PWM */

/* ------------------------------------------------------------------------------------------ */
/* ADC: channels of zephyr,user's io-channels (with their channel@ nodes' settings), or
 * (adc label, channel) with default settings.
 */

#ifdef CONFIG_ZYTHON_MACHINE_ADC

#define ZY_USER DT_PATH(zephyr_user)
#if DT_NODE_EXISTS(ZY_USER) && DT_NODE_HAS_PROP(ZY_USER, io_channels)
#define ZY_ADC_SPEC(node, prop, idx) ADC_DT_SPEC_GET_BY_IDX(node, idx),
#define ZY_ADC_NAME(node, prop, idx)                                                               \
	COND_CODE_1(DT_NODE_HAS_PROP(node, io_channel_names),                                     \
		    (DT_STRING_TOKEN_BY_IDX(node, io_channel_names, idx)), (adc##idx))
#define ZY_ADC_NAME_STR(node, prop, idx) STRINGIFY(ZY_ADC_NAME(node, prop, idx)),
static const struct adc_dt_spec zy_adc_specs[] = {
	DT_FOREACH_PROP_ELEM(ZY_USER, io_channels, ZY_ADC_SPEC)};
static const char *const zy_adc_names[] = {
	DT_FOREACH_PROP_ELEM(ZY_USER, io_channels, ZY_ADC_NAME_STR)};
#define ZY_N_ADC DT_PROP_LEN(ZY_USER, io_channels)
#else
#define ZY_N_ADC 0
#endif

#define ZY_ADC_PAIR 0x8000u
#if ZY_N_ADC > 0
static uint8_t zy_adc_ready[(ZY_N_ADC + 7) / 8];
#endif

static int zy_adc_lookup(uint8_t form, const uint8_t *name, size_t len, int32_t num)
{
#if ZY_N_ADC > 0
	if (form == ZY_NAME_STR) {
		for (uint16_t i = 0; i < ZY_N_ADC; i++) {
			if (zy_name_eq(zy_adc_names[i], name, len)) {
				return adc_is_ready_dt(&zy_adc_specs[i]) ? i : -ENODEV;
			}
		}
	}
#endif
	if (form == ZY_NAME_PAIR) {
		int ctrl = zy_node_find(ZY_C_ADC, name, len);

		if (ctrl < 0) {
			return ctrl;
		}
		if (num < 0 || num > 31 || ctrl > 0x3ff) {
			return -EINVAL;
		}
		return ZY_ADC_PAIR | (ctrl << 5) | num;
	}
	return -ENODEV;
}

static const char *zy_adc_name(uint32_t n)
{
#if ZY_N_ADC > 0
	for (uint16_t i = 0; i < ZY_N_ADC; i++) {
		if (adc_is_ready_dt(&zy_adc_specs[i]) && n-- == 0) {
			return zy_adc_names[i];
		}
	}
#endif
	ARG_UNUSED(n);
	return NULL;
}

/* Sample a channel: the raw value scaled to 16 bits, and microvolts when the reference is known. */
int zy_adc_read(uint16_t id, uint16_t *u16, int32_t *uv)
{
	struct adc_dt_spec spec;
	int16_t sample = 0;
	int err;

	if (id & ZY_ADC_PAIR) {
		uint16_t ctrl = (id & 0x7fffu) >> 5;

		if (!zy_node_usable(ctrl, ZY_C_ADC)) {
			return -ENODEV;
		}
		memset(&spec, 0, sizeof(spec));
		spec.dev = zy_node_dev(ctrl);
		spec.channel_id = id & 31u;
		/* Filled in here: the _dt helpers below may use it. */
		spec.channel_cfg_dt_node_exists = true;
		spec.resolution = 12;
		spec.channel_cfg.gain = ADC_GAIN_1;
		spec.channel_cfg.reference = ADC_REF_INTERNAL;
		spec.channel_cfg.acquisition_time = ADC_ACQ_TIME_DEFAULT;
		spec.channel_cfg.channel_id = spec.channel_id;
		spec.vref_mv = adc_ref_internal(spec.dev);
		err = adc_channel_setup(spec.dev, &spec.channel_cfg);
		if (err) {
			return err;
		}
	} else {
#if ZY_N_ADC > 0
		if (id >= ZY_N_ADC) {
			return -ENODEV;
		}
		spec = zy_adc_specs[id];
		if (!(zy_adc_ready[id / 8] & BIT(id % 8))) {
			err = adc_channel_setup_dt(&spec);
			if (err) {
				return err;
			}
			zy_adc_ready[id / 8] |= BIT(id % 8);
		}
#else
		return -ENODEV;
#endif
	}
	struct adc_sequence seq = {
		.buffer = &sample,
		.buffer_size = sizeof(sample),
	};

	err = adc_sequence_init_dt(&spec, &seq);
	if (err) {
		return err;
	}
	err = adc_read(spec.dev, &seq);
	if (err) {
		return err;
	}
	int32_t raw = sample;
	uint8_t res = spec.resolution ? spec.resolution : 12;

	if (raw < 0) {
		raw = 0;
	}
	*u16 = (uint16_t)MIN(((uint32_t)raw << 16) >> res, 65535u);
	int32_t mv = raw;

	if (adc_raw_to_millivolts_dt(&spec, &mv) == 0) {
		*uv = mv * 1000;
	} else {
		*uv = -1;
	}
	return 0;
}

#endif /* CONFIG_ZYTHON_MACHINE_ADC */

/* ------------------------------------------------------------------------------------------ */
/* Timers: a pool of k_timers; Timer(n) is slot n, Timer(-1) takes a free slot. */

#ifdef CONFIG_ZYTHON_MACHINE_TIMER

static struct k_timer zy_timers[CONFIG_ZYTHON_MACHINE_TIMERS];
static bool zy_timer_init_done;
/* Slots in use: handed out for Timer(-1), or started; stopping (deinit) gives them back. */
static uint32_t zy_timer_reserved;

static void zy_timer_expiry(struct k_timer *t)
{
	zy_event_push(ZY_KIND_TIMER, (uint16_t)(t - zy_timers));
}

static void zy_timer_init(void)
{
	if (!zy_timer_init_done) {
		for (int i = 0; i < ARRAY_SIZE(zy_timers); i++) {
			k_timer_init(&zy_timers[i], zy_timer_expiry, NULL);
		}
		zy_timer_init_done = true;
	}
}

static int zy_timer_lookup(uint8_t form, int32_t num)
{
	if (form != ZY_NAME_NUM) {
		return -ENODEV;
	}
	zy_timer_init();
	if (num >= 0) {
		return num < ARRAY_SIZE(zy_timers) ? num : -ENODEV;
	}
	if (num != -1) {
		return -ENODEV;
	}
	/* Virtual timers from the top of the pool, so that Timer(0).. stay free longest. */
	for (int i = ARRAY_SIZE(zy_timers) - 1; i >= 0; i--) {
		if (!(zy_timer_reserved & BIT(i))) {
			zy_timer_reserved |= BIT(i);
			return i;
		}
	}
	return -ENOMEM;
}

int zy_timer_start(uint16_t id, uint64_t period_us, bool periodic)
{
	if (id >= ARRAY_SIZE(zy_timers)) {
		return -ENODEV;
	}
	zy_timer_init();
	k_timeout_t t = K_USEC(MAX(period_us, 1));

	k_timer_start(&zy_timers[id], t, periodic ? t : K_NO_WAIT);
	zy_timer_reserved |= BIT(id);
	return 0;
}

void zy_timer_stop(uint16_t id)
{
	if (id < ARRAY_SIZE(zy_timers)) {
		zy_timer_init();
		k_timer_stop(&zy_timers[id]);
		zy_timer_reserved &= ~BIT(id);
	}
}

#endif /* CONFIG_ZYTHON_MACHINE_TIMER */

/* ------------------------------------------------------------------------------------------ */
/* Watchdog */

#ifdef CONFIG_ZYTHON_MACHINE_WDT

static int16_t zy_wdt_channel[ZY_N_NODES + 1];

int zy_wdt_start(uint16_t id, uint32_t timeout_ms)
{
	const struct device *dev = zy_node_dev(id);

	if (dev == NULL) {
		return -ENODEV;
	}
	if (zy_wdt_channel[id] > 0) {
		return -EBUSY;
	}
	struct wdt_timeout_cfg cfg = {
		.window = {.min = 0, .max = timeout_ms},
		.callback = NULL,
		.flags = WDT_FLAG_RESET_SOC,
	};
	int ch = wdt_install_timeout(dev, &cfg);

	if (ch < 0) {
		return ch;
	}
	int err = wdt_setup(dev, WDT_OPT_PAUSE_HALTED_BY_DBG);

	if (err) {
		return err;
	}
	zy_wdt_channel[id] = (int16_t)(ch + 1);
	return 0;
}

int zy_wdt_feed(uint16_t id)
{
	const struct device *dev = zy_node_dev(id);

	if (dev == NULL) {
		return -ENODEV;
	}
	if (zy_wdt_channel[id] <= 0) {
		return -EINVAL;
	}
	return wdt_feed(dev, zy_wdt_channel[id] - 1);
}

#endif /* CONFIG_ZYTHON_MACHINE_WDT */

/* ------------------------------------------------------------------------------------------ */
/* RTC: fields as MicroPython's datetime (year, month 1-12, day, weekday 0=Monday, h, m, s, us) */

#ifdef CONFIG_ZYTHON_MACHINE_RTC

int zy_rtc_get(uint16_t id, uint32_t t[8])
{
	const struct device *dev = zy_node_dev(id);
	struct rtc_time tm;

	if (dev == NULL) {
		return -ENODEV;
	}
	int err = rtc_get_time(dev, &tm);

	if (err) {
		return err;
	}
	t[0] = tm.tm_year + 1900;
	t[1] = tm.tm_mon + 1;
	t[2] = tm.tm_mday;
	t[3] = tm.tm_wday >= 0 ? (tm.tm_wday + 6) % 7 : 0;
	t[4] = tm.tm_hour;
	t[5] = tm.tm_min;
	t[6] = tm.tm_sec;
	t[7] = tm.tm_nsec / 1000;
	return 0;
}

int zy_rtc_set(uint16_t id, const uint32_t t[8])
{
	const struct device *dev = zy_node_dev(id);

	if (dev == NULL) {
		return -ENODEV;
	}
	struct rtc_time tm = {
		.tm_year = (int)t[0] - 1900,
		.tm_mon = (int)t[1] - 1,
		.tm_mday = (int)t[2],
		.tm_wday = (int)(t[3] + 1) % 7,
		.tm_hour = (int)t[4],
		.tm_min = (int)t[5],
		.tm_sec = (int)t[6],
		.tm_nsec = (int)(t[7] * 1000),
		.tm_yday = -1,
		.tm_isdst = -1,
	};

	return rtc_set_time(dev, &tm);
}

#endif /* CONFIG_ZYTHON_MACHINE_RTC */

/* ------------------------------------------------------------------------------------------ */
/* Lookup and names for every class */

static uint16_t zy_kind_class(uint8_t kind)
{
	switch (kind) {
	case ZY_KIND_I2C:
		return ZY_C_I2C;
	case ZY_KIND_SPI:
		return ZY_C_SPI;
	case ZY_KIND_UART:
		return ZY_C_UART;
	case ZY_KIND_WDT:
		return ZY_C_WDT;
	case ZY_KIND_RTC:
		return ZY_C_RTC;
	default:
		return 0;
	}
}

static bool zy_kind_enabled(uint8_t kind)
{
	switch (kind) {
	case ZY_KIND_PIN:
		return IS_ENABLED(CONFIG_ZYTHON_MACHINE_PIN);
	case ZY_KIND_I2C:
		return IS_ENABLED(CONFIG_ZYTHON_MACHINE_I2C);
	case ZY_KIND_SPI:
		return IS_ENABLED(CONFIG_ZYTHON_MACHINE_SPI);
	case ZY_KIND_UART:
		return IS_ENABLED(CONFIG_ZYTHON_MACHINE_UART);
	case ZY_KIND_PWM:
		return IS_ENABLED(CONFIG_ZYTHON_MACHINE_PWM);
	case ZY_KIND_ADC:
		return IS_ENABLED(CONFIG_ZYTHON_MACHINE_ADC);
	case ZY_KIND_TIMER:
		return IS_ENABLED(CONFIG_ZYTHON_MACHINE_TIMER);
	case ZY_KIND_WDT:
		return IS_ENABLED(CONFIG_ZYTHON_MACHINE_WDT);
	case ZY_KIND_RTC:
		return IS_ENABLED(CONFIG_ZYTHON_MACHINE_RTC);
	default:
		return false;
	}
}

int zy_hw_lookup(uint8_t kind, uint8_t form, const uint8_t *name, size_t len, int32_t num)
{
	if (!zy_kind_enabled(kind)) {
		return -ENODEV;
	}
	switch (kind) {
#ifdef CONFIG_ZYTHON_MACHINE_PIN
	case ZY_KIND_PIN:
		return zy_pin_lookup(form, name, len, num);
#endif
#ifdef CONFIG_ZYTHON_MACHINE_PWM
	case ZY_KIND_PWM:
		return zy_pwm_lookup(form, name, len, num);
#endif
#ifdef CONFIG_ZYTHON_MACHINE_ADC
	case ZY_KIND_ADC:
		return zy_adc_lookup(form, name, len, num);
#endif
#ifdef CONFIG_ZYTHON_MACHINE_TIMER
	case ZY_KIND_TIMER:
		return zy_timer_lookup(form, num);
#endif
	default:
		break;
	}
	uint16_t cls = zy_kind_class(kind);

	if (cls == 0) {
		return -ENODEV;
	}
	if (form == ZY_NAME_STR) {
		return zy_node_find(cls, name, len);
	}
	if (form == ZY_NAME_NUM) {
		return zy_node_nth(cls, num);
	}
	return -ENODEV;
}

int zy_hw_name(uint8_t kind, uint32_t n, const char **name)
{
	const char *s = NULL;

	if (!zy_kind_enabled(kind)) {
		return -ENOENT;
	}
	switch (kind) {
#ifdef CONFIG_ZYTHON_MACHINE_PIN
	case ZY_KIND_PIN:
		s = zy_pin_name(n);
		break;
#endif
#ifdef CONFIG_ZYTHON_MACHINE_PWM
	case ZY_KIND_PWM:
		s = zy_pwm_name(n);
		break;
#endif
#ifdef CONFIG_ZYTHON_MACHINE_ADC
	case ZY_KIND_ADC:
		s = zy_adc_name(n);
		break;
#endif
	default: {
		uint16_t cls = zy_kind_class(kind);

		s = cls ? zy_node_name(cls, n) : NULL;
		break;
	}
	}
	if (s == NULL) {
		return -ENOENT;
	}
	*name = s;
	return (int)strlen(s);
}

/* ------------------------------------------------------------------------------------------ */
/* Board-wide functions */

void zy_hw_delay_us(uint32_t us)
{
	k_busy_wait(us);
}

void zy_hw_reset(void)
{
#ifdef CONFIG_REBOOT
	sys_reboot(SYS_REBOOT_COLD);
#endif
}

uint8_t zy_hw_reset_cause(void)
{
#ifdef CONFIG_HWINFO
	uint32_t c = 0;

	if (hwinfo_get_reset_cause(&c) == 0) {
		if (c & RESET_WATCHDOG) {
			return 3;
		}
		if (c & RESET_LOW_POWER_WAKE) {
			return 4;
		}
		if (c & RESET_SOFTWARE) {
			return 5;
		}
		if (c & (RESET_PIN | RESET_BROWNOUT | RESET_HARDWARE | RESET_USER)) {
			return 2;
		}
	}
#endif
	return 1;
}

int zy_hw_unique_id(uint8_t *buf, size_t cap)
{
#ifdef CONFIG_HWINFO
	ssize_t n = hwinfo_get_device_id(buf, cap);

	return n > 0 ? (int)n : 0;
#else
	ARG_UNUSED(buf);
	ARG_UNUSED(cap);
	return 0;
#endif
}

uint32_t zy_hw_cpu_freq(void)
{
	return (uint32_t)sys_clock_hw_cycles_per_sec();
}

void zy_hw_wait(uint32_t ms)
{
	/* Until an event is queued or ms pass (the caller checks Ctrl-C between waits). */
	if (zy_ev_count == 0) {
		(void)k_sem_take(&zy_ev_sem, K_MSEC(ms));
	}
}
