# Board checks of tests/zephyr/machine, run at boot (frozen: also on boards without the source
# compiler). Each prints one "CHECK <name> <result>" line for pytest/test_machine.py.
import time
import machine
import zephyr_test

hw = zephyr_test.hw
KINDS = ("pin", "i2c", "spi", "uart", "pwm", "adc", "timer", "wdt", "rtc")

for k in range(len(KINDS)):
    print("CHECK names_" + KINDS[k], "[" + hw("names", k) + "]")
print("CHECK board", sorted(n for n in dir(machine.Pin.board) if not n.startswith("__")))

# A 10 ms periodic Timer(-1) over 1 s of kernel time, its callbacks run between 10 ms sleeps.
count = [0]


def tick(t):
    count[0] += 1


t = machine.Timer(-1, period=10, mode=machine.Timer.PERIODIC, callback=tick)
start = time.ticks_ms()
while time.ticks_diff(time.ticks_ms(), start) < 1000:
    time.sleep_ms(10)
t.deinit()
print("CHECK timer_1s", count[0])

# The watchdog, where the board has one: start it long, feed it.
if hw("names", 7):
    try:
        w = machine.WDT(timeout=2000)
        for i in range(3):
            time.sleep_ms(100)
            w.feed()
        print("CHECK wdt fed")
    except OSError as e:
        print("CHECK wdt error", e.args[0])
else:
    print("CHECK wdt none")
print("CHECK machine imported")
print("CHECK done")
