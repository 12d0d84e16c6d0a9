"""A config object maps attribute access onto a dict with __getattr__ (KeyError when missing)."""
from concurrent.futures import ProcessPoolExecutor


class Config:
    def __init__(self, data):
        self._data = dict(data)

    def __getattr__(self, key):
        return self._data[key]


def dsn(cfg):
    return f"postgres://{cfg.user}@{cfg.host}"


if __name__ == "__main__":
    cfg = Config({"user": "app", "host": "db"})
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(dsn, cfg).result())
