# Scan every I2C bus the board names in its devicetree (node labels i2c0.., aliases).
from machine import I2C

found_bus = False
for name in ("i2c0", "i2c1", "i2c2", "i2c3", "arduino_i2c"):
    try:
        bus = I2C(name, freq=100000)
    except (ValueError, OSError):
        continue
    found_bus = True
    print("i2c_scan:", name, [hex(a) for a in bus.scan()])
if not found_bus:
    print("i2c_scan: no I2C bus")
print("i2c_scan: done")
