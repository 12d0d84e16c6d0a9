"""A proxy forwards unknown attributes with __getattr__ -> getattr(self._target, name)."""
from concurrent.futures import ProcessPoolExecutor


class Settings:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class ReadOnly:
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return getattr(self._target, name)


def describe(cfg):
    return f"{cfg.host}:{cfg.port}"


if __name__ == "__main__":
    cfg = ReadOnly(Settings(host="db", port=5432))
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(describe, cfg).result())
