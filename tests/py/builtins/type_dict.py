# __dict__ of builtin types (read-only) and classes made from an OrderedDict namespace
from collections import OrderedDict

print("append" in list.__dict__, "from_bytes" in int.__dict__, "nope" in int.__dict__)
l = []
list.__dict__["append"](l, 3)
print(l)
try:
    int.__dict__["x"] = 1
except TypeError:
    print("TypeError")
print(type(type).__dict__ is not None)
ns = OrderedDict()
ns["z"] = 1
ns["a"] = 2
ns["m"] = lambda self: "m"
B = type("B", (), ns)
print([k for k in B.__dict__ if not k.startswith("_")], B.z, B().m())
try:
    type("C", (), [1])
except TypeError:
    print("TypeError")
