# Count presses of the board's sw0 button: the interrupt only queues an event, the handler
# runs in the interpreter thread at the next safe point.
import time
from machine import Pin

presses = [0]


def pressed(pin):
    presses[0] += 1
    print("sw0 pressed", presses[0])


button = Pin("sw0", Pin.IN)
button.irq(pressed, Pin.IRQ_RISING)
print("button: waiting for sw0 presses")
while True:
    time.sleep_ms(100)
