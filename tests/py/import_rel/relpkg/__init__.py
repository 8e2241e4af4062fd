# Optional submodules filled in with __import__(..., level=1), as some packages do.
def load(name):
    return __import__("_" + name, None, None, (), 1)


opt = load("opt")
