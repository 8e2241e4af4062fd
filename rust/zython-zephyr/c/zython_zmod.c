/*
 * The C side of Python's `zephyr` module (rust/zython-zephyr/src/zmod.rs): the ready devices,
 * the sensor API, the shell and thread stack statistics.
 *
 * SPDX-License-Identifier: MIT
 */
#include <errno.h>
#include <string.h>
#include <zephyr/kernel.h>
#include <zephyr/device.h>
#ifdef CONFIG_SENSOR
#include <zephyr/drivers/sensor.h>
#endif
#ifdef CONFIG_SHELL
#include <zephyr/shell/shell.h>
#ifdef CONFIG_SHELL_BACKEND_DUMMY
#include <zephyr/shell/shell_dummy.h>
#endif
#endif

#include "zython_shim.h"

/* ---- Devices ---- */

int zy_z_device(uint32_t n, const char **name, bool ready_only)
{
	const struct device *devs;
	size_t count = z_device_get_all_static(&devs);

	for (size_t i = 0; i < count; i++) {
		if (ready_only && !device_is_ready(&devs[i])) {
			continue;
		}
		if (n-- == 0) {
			*name = devs[i].name;
			return (int)i;
		}
	}
	return -ENOENT;
}

/* ---- Sensors: a sensor is its index in the static device list ---- */

#ifdef CONFIG_SENSOR

/* The channel values zmod.rs hard-codes as Sensor's class constants. */
BUILD_ASSERT(SENSOR_CHAN_ACCEL_X == 0 && SENSOR_CHAN_ACCEL_Y == 1 && SENSOR_CHAN_ACCEL_Z == 2);
BUILD_ASSERT(SENSOR_CHAN_GYRO_X == 4 && SENSOR_CHAN_GYRO_Y == 5 && SENSOR_CHAN_GYRO_Z == 6);
BUILD_ASSERT(SENSOR_CHAN_MAGN_X == 8 && SENSOR_CHAN_MAGN_Y == 9 && SENSOR_CHAN_MAGN_Z == 10);
BUILD_ASSERT(SENSOR_CHAN_DIE_TEMP == 12 && SENSOR_CHAN_AMBIENT_TEMP == 13);
BUILD_ASSERT(SENSOR_CHAN_PRESS == 14 && SENSOR_CHAN_PROX == 15 && SENSOR_CHAN_HUMIDITY == 16);
BUILD_ASSERT(SENSOR_CHAN_LIGHT == 17 && SENSOR_CHAN_ALTITUDE == 22);
BUILD_ASSERT(SENSOR_CHAN_DISTANCE == 26 && SENSOR_CHAN_CO2 == 27 && SENSOR_CHAN_VOC == 29);
BUILD_ASSERT(SENSOR_CHAN_VOLTAGE == 31 && SENSOR_CHAN_CURRENT == 33 && SENSOR_CHAN_POWER == 34);

static bool zy_is_sensor(const struct device *dev)
{
#if defined(CONFIG_SENSOR_INFO)
	/* Sensor drivers register in the sensor_info section: nothing else is called as one. */
	STRUCT_SECTION_FOREACH(sensor_info, info) {
		if (info->dev == dev) {
			return true;
		}
	}
	return false;
#else
	/* Without CONFIG_SENSOR_INFO, Zephyr 3.7 cannot tell a sensor from other devices. */
	ARG_UNUSED(dev);
	return true;
#endif
}

int zy_sensor_open(const uint8_t *name, size_t len)
{
	const struct device *devs;
	size_t count = z_device_get_all_static(&devs);

	for (size_t i = 0; i < count; i++) {
		if (strlen(devs[i].name) == len && memcmp(devs[i].name, name, len) == 0) {
			if (!device_is_ready(&devs[i]) || !zy_is_sensor(&devs[i])) {
				return -ENODEV;
			}
			return (int)i;
		}
	}
	return -ENODEV;
}

static const struct device *zy_sensor_dev(uint32_t id)
{
	const struct device *devs;
	size_t count = z_device_get_all_static(&devs);

	return id < count ? &devs[id] : NULL;
}

int zy_sensor_fetch(uint32_t id)
{
	const struct device *dev = zy_sensor_dev(id);

	return dev ? sensor_sample_fetch(dev) : -ENODEV;
}

int zy_sensor_get(uint32_t id, uint32_t chan, int32_t *val1, int32_t *val2)
{
	const struct device *dev = zy_sensor_dev(id);
	struct sensor_value v[3];

	if (dev == NULL) {
		return -ENODEV;
	}
	int err = sensor_channel_get(dev, (enum sensor_channel)chan, v);

	if (err == 0) {
		*val1 = v[0].val1;
		*val2 = v[0].val2;
	}
	return err;
}

#endif /* CONFIG_SENSOR */

/* ---- Shell ---- */

#ifdef CONFIG_SHELL
int zy_shell_exec(const char *cmd, char *out, size_t cap, size_t *out_len)
{
	*out_len = 0;
#ifdef CONFIG_SHELL_BACKEND_DUMMY
	const struct shell *sh = shell_backend_dummy_get_ptr();

	shell_backend_dummy_clear_output(sh);
	int rc = shell_execute_cmd(sh, cmd);
	size_t n = 0;
	const char *s = shell_backend_dummy_get_output(sh, &n);

	n = MIN(n, cap);
	memcpy(out, s, n);
	*out_len = n;
	return rc;
#else
	/* Output goes to the default shell backend. */
	ARG_UNUSED(out);
	ARG_UNUSED(cap);
	return shell_execute_cmd(NULL, cmd);
#endif
}
#endif

/* ---- Thread stacks ---- */

struct zy_stack_walk {
	uint32_t n;
	uint32_t want;
	struct zy_stack_info *info;
	bool found;
};

static void zy_stack_cb(const struct k_thread *t, void *user_data)
{
	struct zy_stack_walk *w = user_data;

	if (w->found || w->n++ != w->want) {
		return;
	}
	w->found = true;
	memset(w->info, 0, sizeof(*w->info));
#ifdef CONFIG_THREAD_NAME
	strncpy(w->info->name, k_thread_name_get((k_tid_t)t) ? k_thread_name_get((k_tid_t)t) : "",
		sizeof(w->info->name) - 1);
#endif
	if (w->info->name[0] == '\0') {
		snprintk(w->info->name, sizeof(w->info->name), "%p", (void *)t);
	}
#ifdef CONFIG_THREAD_STACK_INFO
	w->info->size = t->stack_info.size;
#ifdef CONFIG_INIT_STACKS
	size_t unused = 0;

	if (k_thread_stack_space_get(t, &unused) == 0) {
		w->info->used = (int32_t)(t->stack_info.size - unused);
	} else {
		w->info->used = -1;
	}
#else
	w->info->used = -1;
#endif
#else
	w->info->used = -1;
#endif
}

int zy_thread_stack(uint32_t n, struct zy_stack_info *info)
{
	struct zy_stack_walk w = {.n = 0, .want = n, .info = info, .found = false};

#ifdef CONFIG_THREAD_MONITOR
	k_thread_foreach(zy_stack_cb, &w);
#else
	/* Without the thread list (CONFIG_THREAD_MONITOR) only the calling thread is known. */
	zy_stack_cb(k_current_get(), &w);
#endif
	return w.found ? 0 : -ENOENT;
}
