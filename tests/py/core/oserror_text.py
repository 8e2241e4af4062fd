# OSError with a known errno reads "[Errno N] NAME" (MicroPython's form); raise ... from
# keeps working and warns (on stderr) that chaining is not shown.
import errno

print(str(OSError(errno.EIO)), "|", str(OSError(errno.ENOENT, "no file")), "|", str(OSError(9999)))
try:
    try:
        raise ValueError("inner")
    except ValueError as e:
        raise RuntimeError("outer") from e
except RuntimeError as e:
    print("caught", e)
