"""A class built with type() at module level, with the same name as its variable."""
from concurrent.futures import ProcessPoolExecutor


def _init(self, host, port):
    self.host = host
    self.port = port


Endpoint = type("Endpoint", (object,), {"__slots__": ("host", "port"), "__init__": _init})


def url(ep):
    return f"http://{ep.host}:{ep.port}/"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(url, [Endpoint("a", 80), Endpoint("b", 8080)])))
