# math: functions, constants, int-returning rounding, errors
import math

print(math.pi, math.e, math.tau)
print(math.inf, -math.inf, math.isnan(math.nan))
print(math.sqrt(16), math.sqrt(2))
print(math.pow(2, 10), math.exp(0), math.log(1))
print(math.log(8, 2), math.log2(1024), math.log10(1000))
print(math.sin(0), math.cos(0), math.atan2(1, 1) == math.pi / 4)
print(math.floor(-2.5), math.ceil(2.1), math.trunc(-7.9))
print(math.floor(5), math.ceil(1e20))
print(math.fabs(-3), math.fmod(7, 3), math.copysign(2, -0.0))
print(math.frexp(8.0), math.ldexp(0.5, 4), math.modf(-1.5))
print(math.degrees(math.pi), math.radians(180) == math.pi)
print(math.isfinite(1.0), math.isinf(math.inf), math.isnan(1.0))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1))
print(math.isclose(1.0, 1.1, rel_tol=0.2), math.isclose(0.0, 1e-12, abs_tol=1e-9))
print(math.factorial(0), math.factorial(25))
print(math.erf(0), math.gamma(5), math.lgamma(1))
for f, args in (
    (math.sqrt, (-1,)),
    (math.log, (0,)),
    (math.log, (2, 1)),
    (math.floor, (math.inf,)),
    (math.floor, (math.nan,)),
    (math.factorial, (-1,)),
    (math.acos, (2,)),
):
    try:
        print(f(*args))
    except (ValueError, OverflowError, ZeroDivisionError) as e:
        print(repr(e))
