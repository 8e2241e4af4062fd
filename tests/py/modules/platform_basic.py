# platform: the interpreter's description (MicroPython's three functions).
import platform

print(platform.platform().startswith("Zython-"), type(platform.python_compiler()))
print(platform.libc_ver())
