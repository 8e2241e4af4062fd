visible = 1


def __getattr__(name):
    raise KeyError(name)
