# micropython.schedule(micropython.kbd_intr, None) queues one keyboard interrupt: it is
# raised soon after the scheduler next runs (a sleep or a jump), scheduling it many times
# raises once, and scheduled work runs at jumps and sleeps, not at plain calls.
from time import sleep
from micropython import schedule, kbd_intr

log = []


def cb(arg):
    log.append(arg)


schedule(cb, 1)
log.append("call")
print(log)
for i in range(2):
    pass
print(log)


def catch(n):
    try:
        for _ in range(n):
            sleep(0)
        return "no interrupt"
    except KeyboardInterrupt:
        return "KeyboardInterrupt"


schedule(kbd_intr, None)
print(catch(3))
print(catch(3))
schedule(kbd_intr, None)
schedule(kbd_intr, None)
schedule(kbd_intr, None)
print(catch(3))
print(catch(20))


def nested(_):
    schedule(kbd_intr, None)
    # The scheduler does not run inside a callback.
    log.append(catch(10))


schedule(nested, None)
sleep(0)
print(log[-1])
print(catch(3))
print(catch(3))
