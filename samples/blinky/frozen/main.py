# Blink the board's led0 (its devicetree alias): Pin("led0") uses the devicetree's active
# level, so value(1) lights the LED however it is wired.
import time
from machine import Pin

led = Pin("led0", Pin.OUT)
for i in range(6):
    led.toggle()
    print("led0", led.value())
    time.sleep_ms(250)
print("blinky: blinking on")
while True:
    led.toggle()
    time.sleep_ms(500)
