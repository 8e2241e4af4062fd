# os.putenv/unsetenv/getenv, os.system and os.errno, as MicroPython's unix port has them.
import os

if not hasattr(os, "putenv"):
    print("SKIP")
    raise SystemExit

os.putenv("ZYTHON_TEST_VARIABLE", "value")
print(os.getenv("ZYTHON_TEST_VARIABLE"))
os.unsetenv("ZYTHON_TEST_VARIABLE")
print(os.getenv("ZYTHON_TEST_VARIABLE"), os.getenv("ZYTHON_TEST_VARIABLE", "default"))
print(os.system("exit 0"), os.system("exit 3") >> 8)
os.errno(5)
print(os.errno())
