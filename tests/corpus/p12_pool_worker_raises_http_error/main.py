"""A crawler's workers let urllib's HTTPError escape from Pool.imap_unordered; the parent never
gets it back (https://github.com/python/cpython/issues/79492: an exception that cannot be
unpickled makes multiprocessing.Pool hang for ever)."""
import io
from multiprocessing import Pool
from urllib.error import HTTPError

PAGES = ["https://example.org/a", "https://example.org/missing"]


def fetch(url):
    # what urlopen raises for a 404, without the network
    if url.endswith("missing"):
        raise HTTPError(url, 404, "Not Found", {}, io.BytesIO(b""))
    return url, 200


def main():
    with Pool(2) as pool:
        for url, status in pool.imap_unordered(fetch, PAGES):
            print(url, status)


if __name__ == "__main__":
    main()
