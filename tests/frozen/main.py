# Runs after boot.py at start-up (the REPL or a program on stdin comes next), in __main__.
import frozmod

print("frozen main.py: booted =", booted, "double(21) =", frozmod.double(21))
