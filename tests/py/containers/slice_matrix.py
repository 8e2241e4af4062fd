# Every combination of start/stop/step against list, tuple, bytes, bytearray, str (ASCII and not): get, del, extended and plain assignment
L=list(range(10))
for a in (None, -12, -3, 0, 2, 11):
  for b in (None, -3, 0, 9, 11):
    for c in (None, 1, 2, -1, -4, 100):
      sl=slice(a,b,c)
      r=[L[sl], tuple(L)[sl], bytes(L)[sl], bytearray(L)[sl], "abcdefghij"[sl], "abcdéfghij"[sl]]
      x=list(L); del x[sl]
      y=bytearray(L); del y[sl]
      z=list(L)
      try:
        z[sl]=[100]*len(L[sl]); 
      except ValueError as e: z=str(e)
      w=list(L); w[a:b]=[7,7]
      print(a,b,c,r,x,y,z,w)
import sys
print(L[::sys.maxsize], L[::-sys.maxsize], L[-sys.maxsize:sys.maxsize])
