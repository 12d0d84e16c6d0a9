def brightness(args):
    stats, name, pixels = args
    stats[name] = sum(pixels) / len(pixels)
    return name
