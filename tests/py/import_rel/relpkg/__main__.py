from . import _opt

print("relpkg.__main__ as", __name__, _opt.value)
