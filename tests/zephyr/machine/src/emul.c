/*
 * Test-only helpers for tests/zephyr/machine: zy_test_call(op, a, b), reached from Python as
 * zephyr_test.call(op, a, b) (CONFIG_ZYTHON_MACHINE_TEST_HELPERS), drives the emulators.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <zephyr/kernel.h>
#include <zephyr/device.h>

/* The emulators exist on native_sim (boards/native_sim_native_64.overlay); elsewhere the
 * helpers answer -ENODEV and the suite checks what the board itself has.
 */
#if DT_NODE_HAS_COMPAT(DT_NODELABEL(gpio0), zephyr_gpio_emul) && defined(CONFIG_GPIO_EMUL)
#include <zephyr/drivers/gpio/gpio_emul.h>
#define GPIO_EMUL DEVICE_DT_GET(DT_NODELABEL(gpio0))
#endif
#if DT_NODE_HAS_COMPAT(DT_NODELABEL(adc0), zephyr_adc_emul) && defined(CONFIG_ADC_EMUL)
#include <zephyr/drivers/adc/adc_emul.h>
#define ADC_EMUL DEVICE_DT_GET(DT_NODELABEL(adc0))
#endif

enum {
	OP_GPIO_INPUT = 1,  /* drive input pin a to level b */
	OP_GPIO_OUTPUT = 2, /* the level output pin a drives */
	OP_STORM = 3,       /* start toggling input pin a, b edges, from another thread */
	OP_STORM_LEFT = 4,  /* edges the storm still has to make */
	OP_ADC_MV = 5,      /* ADC channel a reads b millivolts */
	OP_TOGGLE = 6,      /* toggle input pin a, b edges, in the calling thread */
};

#ifdef GPIO_EMUL
static atomic_t storm_left;
static int storm_pin;

static void storm_thread(void *p1, void *p2, void *p3)
{
	ARG_UNUSED(p1);
	ARG_UNUSED(p2);
	ARG_UNUSED(p3);
	for (;;) {
		int level = 0;

		while (atomic_get(&storm_left) == 0) {
			k_msleep(1);
		}
		while (atomic_get(&storm_left) > 0) {
			/* Bursts of 100 edges, then let the interpreter run for a tick. */
			for (int i = 0; i < 100 && atomic_get(&storm_left) > 0; i++) {
				level = !level;
				gpio_emul_input_set(GPIO_EMUL, storm_pin, level);
				atomic_dec(&storm_left);
			}
			k_sleep(K_TICKS(1));
		}
	}
}
K_THREAD_DEFINE(zy_storm, 4096, storm_thread, NULL, NULL, NULL, 2, 0, 0);
#endif

int zy_test_call(uint32_t op, int32_t a, int32_t b)
{
	switch (op) {
#ifdef GPIO_EMUL
	case OP_GPIO_INPUT:
		return gpio_emul_input_set(GPIO_EMUL, a, b);
	case OP_GPIO_OUTPUT:
		return gpio_emul_output_get(GPIO_EMUL, a);
	case OP_STORM:
		storm_pin = a;
		atomic_set(&storm_left, b);
		return 0;
	case OP_STORM_LEFT:
		return (int)atomic_get(&storm_left);
	case OP_TOGGLE: {
		int level = 0;

		gpio_emul_output_get(GPIO_EMUL, a);
		for (int i = 0; i < b; i++) {
			level = !level;
			gpio_emul_input_set(GPIO_EMUL, a, level);
		}
		return 0;
	}
#endif
#ifdef ADC_EMUL
	case OP_ADC_MV:
		return adc_emul_const_value_set(ADC_EMUL, a, b);
#endif
	default:
		ARG_UNUSED(a);
		ARG_UNUSED(b);
		return -ENODEV;
	}
}
