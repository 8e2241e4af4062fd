# import statements go through a replaced builtins.__import__; a submodule becomes an
# attribute of its package only on first import; __import__ checks its arguments.
import builtins

orig = builtins.__import__


def hook(name, globals, locals, fromlist, level):
    print("hook", name, fromlist, level)
    return orig(name, globals, locals, fromlist, level)


builtins.__import__ = hook
import pkgattr
import pkgattr.sub

builtins.__import__ = orig
print(pkgattr.sub())
for args in (("",), ("x", None, None, None, -1)):
    try:
        __import__(*args)
    except ValueError:
        print("ValueError")
