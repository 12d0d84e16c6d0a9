from utils import logged


@logged
def thumbnail(size):
    w, h = size
    return (w // 4, h // 4)
