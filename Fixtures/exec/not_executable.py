print("a plugin without its executable bit")
