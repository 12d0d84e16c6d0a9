"""A read-only types.MappingProxyType view of the defaults is passed to workers."""
import types
from multiprocessing import Pool

_DEFAULTS = {"retries": 3, "timeout": 5}
DEFAULTS = types.MappingProxyType(_DEFAULTS)


def effective(args):
    defaults, override = args
    merged = dict(defaults)
    merged.update(override)
    return merged


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(effective, [(DEFAULTS, {}), (DEFAULTS, {"retries": 1})]))
