# Frozen main.py: runs from flash at start-up, then the REPL starts.
import sys

import sensors
from greeting import greet

greet(sys.platform)
t = sensors.Thermometer("t0")
for reading in (20, 21, 23):
    t.add(reading)
print("average of", t.name, "=", t.average())
print("frozen modules:", sensors.__file__, sensors.__path__)
