# A frozen package; its submodule is imported relatively.
from .thermometer import Thermometer
