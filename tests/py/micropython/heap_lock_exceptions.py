# Exceptions made while the heap is locked use the emergency exception: its type is right,
# its args and message are kept as far as the emergency buffer (256 bytes) has room.
# `exc.__traceback__ = None` lets a pre-made exception be raised again without allocating.
import io
import micropython
import sys


def locked_errors():
    micropython.heap_lock()
    try:
        undefined_name()
    except NameError as e:
        print(type(e).__name__, len(e.args))
    try:
        raise 0
    except TypeError as e:
        print(type(e).__name__, len(e.args))
    micropython.heap_unlock()


locked_errors()


def with_buffer():
    micropython.heap_lock()
    try:
        undefined_name()
    except NameError as e:
        print(e)
    try:
        raise ValueError(1, 2)
    except ValueError as e:
        print(e)
    many = Exception(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    micropython.heap_unlock()
    print(len(many.args))


with_buffer()

pre = StopIteration()
try:
    raise pre
except StopIteration:
    pass


def reraise():
    micropython.heap_lock()
    pre.__traceback__ = None
    try:
        raise pre
    except StopIteration:
        print("StopIteration")
    micropython.heap_unlock()


reraise()
buf = io.StringIO()
sys.print_exception(pre, buf)
print(buf.getvalue().count("File"))
