# reaches the builtin random by emptying sys.path
import sys

print("random.py loaded")
saved = sys.path
sys.path = ()
from random import *

sys.path = saved
added = "also"
