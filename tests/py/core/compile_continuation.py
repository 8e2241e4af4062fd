# a line continuation on an empty last line ends the input; 'single' input must not be empty
for src in ["\\\n", "\\", "x = 1\n\\\n", "", "\n"]:
    for mode in ["exec", "single"]:
        try:
            compile(src, "s", mode)
            print(repr(src), mode, "ok")
        except SyntaxError:
            print(repr(src), mode, "SyntaxError")
for src in ["x = 1 \\\n", "\\\n", "(1\\\n"]:
    try:
        compile(src, "s", "eval" if src == "\\\n" else "exec")
        print("ok")
    except SyntaxError:
        print("SyntaxError")
