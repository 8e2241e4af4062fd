from .sub import sub
