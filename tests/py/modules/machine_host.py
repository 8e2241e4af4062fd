# machine on a port without hardware (the zython command): MicroPython unix's subset.
import machine

print([n for n in dir(machine) if not n.startswith("_")])
print(hasattr(machine, "Pin"), hasattr(machine, "I2C"), hasattr(machine, "Timer"))


class Pin(machine.PinBase):
    def __init__(self, v=0):
        self.v = v
        self.log = []

    def value(self, v=None):
        if v is None:
            return self.v
        self.log.append(v)
        self.v = v


p = Pin()
s = machine.Signal(p)
s.on()
print(p.v, s.value(), s())
s(0)
print(p.v, s.value(), p.log)

p = Pin()
s = machine.Signal(p, invert=True)
s.on()
print(p.v, s.value())
s.off()
print(p.v, s.value())
s.value(True)
print(p.v, s())

# A Signal over a Signal inverts twice.
t = machine.Signal(s, invert=True)
t.on()
print(p.v, s.value(), t.value())


# time_pulse_us: a level that never comes (-2), a pulse that never ends (-1), and a pulse.
class Const(machine.PinBase):
    def __init__(self, v):
        self.v = v

    def value(self, v=None):
        return self.v


print(machine.time_pulse_us(Const(0), 1, 200))
print(machine.time_pulse_us(Const(1), 1, 200))
print(machine.time_pulse_us(Const(1), 1, 0))


class Toggle(machine.PinBase):
    def __init__(self):
        self.n = 0

    def value(self, v=None):
        self.n += 1
        return self.n % 2


t = machine.time_pulse_us(Toggle(), 0)
print(type(t), t >= 0)

print(machine.idle())
try:
    machine.soft_reset()
except SystemExit as e:
    print("SystemExit", e.args)

# Errors: no hardware, bad arguments, wrong pin objects.
for args, kw in (((), {}), ((3,), {}), (("led0",), {"invert": True}), ((p,), {"foo": 1}), ((p, 1), {})):
    try:
        machine.Signal(*args, **kw)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    machine.PinBase()
except TypeError as e:
    print("TypeError", e)
try:
    machine.time_pulse_us(object(), 1, 10)
except AttributeError:
    print("AttributeError")
try:
    machine.time_pulse_us(Const(0))
except TypeError:
    print("TypeError")
try:
    machine.time_pulse_us(Const(0), 1, "x")
except TypeError:
    print("TypeError")
try:
    machine.Signal.value(p)
except TypeError as e:
    print("TypeError", e)
