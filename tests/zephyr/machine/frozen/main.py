# Board checks of tests/zephyr/machine, run at boot (frozen: also on boards without the source
# compiler). Each prints one "CHECK <name> <result>" line for pytest/test_machine.py.
import time
import zephyr_test

hw = zephyr_test.hw
KINDS = ("pin", "i2c", "spi", "uart", "pwm", "adc", "timer", "wdt", "rtc")

for k in range(len(KINDS)):
    print("CHECK names_" + KINDS[k], "[" + hw("names", k) + "]")

# A 10 ms periodic pool timer over 1 s of kernel time: events taken plus events dropped.
t = hw("lookup", 6, -1)
hw("timer", t, 10000, 1)
n = 0
start = time.ticks_ms()
while time.ticks_diff(time.ticks_ms(), start) < 1000:
    hw("lightsleep", 50)
    while hw("event"):
        n += 1
hw("timer_stop", t)
while hw("event"):
    n += 1
print("CHECK timer_1s", n + hw("lost"))

# The watchdog, where the board has one: start it long, feed it.
if hw("names", 7):
    w = hw("lookup", 7, hw("names", 7).split()[0])
    try:
        hw("wdt", w, 2000)
        for i in range(3):
            time.sleep_ms(100)
            hw("feed", w)
        print("CHECK wdt fed")
    except OSError as e:
        print("CHECK wdt error", e.args[0])
else:
    print("CHECK wdt none")

try:
    import machine

    print("CHECK machine imported")
except ImportError:
    print("CHECK machine missing")
print("CHECK done")
