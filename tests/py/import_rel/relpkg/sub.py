def via_globals():
    return __import__("_opt", globals(), None, ("value",), 1)


def parent():
    return __import__("", globals(), None, ("load",), 1)
