# A frozen helper module.


def greet(where):
    print("Hello from frozen main.py on", where)
