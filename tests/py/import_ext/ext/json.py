# replaces the builtin json; the u-alias still gives the builtin
print("json.py loaded")
from ujson import *

added = "yes"
