# Frozen into the test build of zython (tools/test.sh: ZYTHON_FROZEN_DIR=tests/frozen).
# boot.py runs first at start-up, in __main__.
print("frozen boot.py:", __name__)
booted = True
