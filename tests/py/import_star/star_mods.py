# helper module for star.py (not a test itself)
__all__ = ["shown", "lazy"]
shown = "shown"
hidden = "hidden"


def __getattr__(name):
    if name == "lazy":
        return "made lazily"
    raise AttributeError(name)
