# A jump past the bytecode's reach is RuntimeError("bytecode overflow"), as in MicroPython
# (the largest forward jump it encodes is 0x3fff bytes).


def attempt(what, f):
    try:
        f()
        print(what, "ok")
    except RuntimeError as e:
        print(what, "RuntimeError", e)


body = " with f()()() as a:\n  try:\n   f()()()\n  except Exception:\n   pass\n"
for n in (433, 431):
    attempt(n, lambda: exec("cond = 0\nif cond:\n" + body * n + "else:\n pass\n"))
