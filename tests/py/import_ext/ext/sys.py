print("ERROR: sys is not extensible")
