# files on sys.path replace "extensible" builtin modules (json, random...), not sys or math;
# u-prefixed names and an empty sys.path always give the builtin
import sys
import ujson

print(ujson, hasattr(ujson, "__file__"))
sys.path.clear()
sys.path.append("ext")
import math
import sys

print(math, sys, hasattr(math, "__file__"))
import json

print(json, json.added, json.dumps([1]), "json" in sys.modules)
import json as again

print(again is json)
import ujson as builtin_json

print(builtin_json, hasattr(builtin_json, "added"), builtin_json is ujson)
import random

print(random, random.added, type(random.getrandbits(4)))
import urandom

print(urandom, hasattr(urandom, "added"))
print(len, abs)
