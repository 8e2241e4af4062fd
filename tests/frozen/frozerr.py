# Tracebacks from frozen code name the file by its path in the frozen tree.


def fail():
    raise ValueError("raised in frozen code")
