# time: ticks arithmetic, sleeps
import time

t0 = time.ticks_ms()
time.sleep_ms(20)
d = time.ticks_diff(time.ticks_ms(), t0)
print(d >= 15, d < 5000)
u0 = time.ticks_us()
time.sleep_us(100)
print(time.ticks_diff(time.ticks_us(), u0) >= 100)
time.sleep(0.01)
print(time.ticks_diff(5, 3), time.ticks_diff(3, 5))
print(time.ticks_add(10, -20) == time.ticks_add(0, -10))
print(time.ticks_diff(time.ticks_add(0, -1), 0))
print(time.time() > 0, time.time_ns() > 0)
print(time.ticks_cpu() >= 0)
print(time.gmtime(0)[:8])
print(time.gmtime(946684800 + 86399)[:8])
print(time.gmtime(-1)[:8])
print(time.mktime((2000, 1, 1, 0, 0, 0, 0, 0, 0)), time.mktime((2001, 14, 1, 0, 0, 0, 0, 0, 0)))
print(time.gmtime(time.mktime((2024, 2, 29, 12, 30, 45, 0, 0, 0)))[:8])
# ticks_add takes deltas strictly inside (-PERIOD/2, PERIOD/2).
for d in (-(2**29), -(2**29) + 1, 2**29 - 1, 2**29):
    try:
        print(time.ticks_diff(time.ticks_add(5, d), 5) == d)
    except OverflowError:
        print("OverflowError")
