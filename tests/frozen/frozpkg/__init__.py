# A frozen package; its submodule is imported relatively.
from .sub import NAME
