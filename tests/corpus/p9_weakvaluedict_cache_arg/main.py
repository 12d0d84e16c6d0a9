"""A weakref.WeakValueDictionary cache is handed to the worker."""
import weakref
from multiprocessing import Pool


class Image:
    def __init__(self, name):
        self.name = name


def lookup(args):
    cache, key = args
    img = cache.get(key)
    return img.name if img else None


if __name__ == "__main__":
    logo = Image("logo.png")
    cache = weakref.WeakValueDictionary({"logo": logo})
    with Pool(1) as pool:
        print(pool.map(lookup, [(cache, "logo")]))
