"""A worker raises urllib's URLError (one argument, kept in args): it comes back to the parent,
which reports it (the shape of https://github.com/python/cpython/issues/93542, with an
exception that rebuilds)."""
from concurrent.futures import ProcessPoolExecutor
from urllib.error import URLError


def resolve(host):
    raise URLError(f"cannot resolve {host}")


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as executor:
        future = executor.submit(resolve, "db.internal")
        try:
            future.result()
        except URLError as error:
            print("failed:", error.reason)
