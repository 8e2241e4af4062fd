# as in MicroPython, fixed-point formats switch to 'g' (one more significant digit) once the
# result would not fit 33 characters (32 with a sign)
v = 8.888e32
print("%.2f" % v, "%.2f" % -v, "{:.2f}".format(v), f"{v:.3F}", "%f" % 1.5e27)
print("%.2f" % -1e29, "%+.2f" % 1e29, "%.0f" % 1e40, "%.1f" % 1e300)
print("{:.1%}".format(1e30), "%.2f" % 12345.678, "%.10f" % 1234567.5, "%.2f" % 1e20)
print("%.2f" % float("inf"), "{:f}".format(-float("inf")), "%.3f" % 0.5)
