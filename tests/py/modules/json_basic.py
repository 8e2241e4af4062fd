# json: dumps/loads round trips, separators, errors, dump/load on streams
import json
import io

print(json.dumps(None), json.dumps(True), json.dumps(False))
print(json.dumps(1), json.dumps(-12345678901234567890), json.dumps(1.5))
print(json.dumps("abc"), json.dumps('q"b\\s\n\t\x01'))
print(json.dumps([1, [2, (3, 4)], {}]))
print(json.dumps({"a": 1, "b": [True, None]}))
print(json.dumps({"a": 1, "b": [1, 2]}, separators=(",", ":")))
print(json.loads("null"), json.loads("true"), json.loads(" false "))
print(json.loads("123"), json.loads("-5"), json.loads("1.25"), json.loads("1e3"))
print(json.loads("12345678901234567890123"))
print(json.loads('"a\\nb\\"c\\u0041\\/"'))
print(json.loads('[1, [2, 3], {"x": {"y": []}}]'))
print(json.loads(' { "k" : "v" , "n" : [ ] } '))
print(json.loads(b'[1]'))
for bad in ("", "[", "[1,]", "{1: 2}", "tru", '"abc', "[1] x", "{\"a\" 1}"):
    try:
        json.loads(bad)
    except ValueError:
        print("ValueError", repr(bad))
s = io.StringIO()
json.dump({"z": [1]}, s)
print(s.getvalue())
s.seek(0)
print(json.load(s))
try:
    json.dumps(json)
except TypeError:
    print("TypeError")
# bytes are written as their text (MicroPython); separators must be two strs.
print(json.dumps(b"12ab"))
for sep in ((",",), (",", ":", "?"), [], 1, (1, 2)):
    try:
        json.dumps([1, 2], separators=sep)
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
