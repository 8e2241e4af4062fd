# A class statement calls builtins.__build_class__, which a program may replace.
import builtins

orig = builtins.__build_class__
builtins.__build_class__ = lambda f, name, *bases: ("class", name)


class A:
    pass


builtins.__build_class__ = orig


class B:
    pass


print(A, B.__name__)
