def sub():
    return "function"
