def brightness(args):
    lock, name, pixels = args
    with lock:
        return name, sum(pixels) / len(pixels)
