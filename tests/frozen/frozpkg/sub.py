NAME = "frozpkg.sub"
