"""A dict-backed config whose __getattr__ refuses private/dunder names and raises AttributeError."""
from multiprocessing import Pool


class Config:
    def __init__(self, data):
        self._data = dict(data)

    def __getattr__(self, key):
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self._data[key]
        except KeyError:
            raise AttributeError(key) from None


def dsn(cfg):
    return f"postgres://{cfg.user}@{cfg.host}"


if __name__ == "__main__":
    cfg = Config({"user": "app", "host": "db"})
    with Pool(1) as pool:
        print(pool.apply(dsn, (cfg,)))
