# Read every sensor among the board's ready devices with zephyr.Sensor.
import zephyr

S = zephyr.Sensor
CHANNELS = (("accel_x", S.ACCEL_X), ("accel_y", S.ACCEL_Y), ("accel_z", S.ACCEL_Z),
            ("die_temp", S.DIE_TEMP), ("ambient_temp", S.AMBIENT_TEMP),
            ("humidity", "HUMIDITY"), ("press", "PRESS"))

for name in zephyr.devices():
    try:
        s = S(name)
        s.fetch()
    except (ValueError, OSError):
        continue
    for label, chan in CHANNELS:
        try:
            print("sensor:", name, label, s.get(chan))
        except OSError:
            pass
print("sensor: done")
