# cmath: the functions MicroPython provides, on values with exact results
import cmath

print(cmath.pi, cmath.e)
print(cmath.phase(-1), cmath.phase(1j), cmath.polar(3 + 4j))
print(cmath.rect(2, 0), cmath.exp(0), cmath.log(1), cmath.log10(100))
print(cmath.sqrt(4), cmath.sqrt(0))
print(cmath.cos(0) == 1, cmath.sin(0))
print(abs(cmath.exp(1j * cmath.pi) + 1) < 1e-15)
print(abs(cmath.sqrt(-4) - 2j) < 1e-15)
