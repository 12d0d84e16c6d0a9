def thumbnail(size):
    w, h = size
    scale = 128 / max(w, h)
    return int(w * scale), int(h * scale)
