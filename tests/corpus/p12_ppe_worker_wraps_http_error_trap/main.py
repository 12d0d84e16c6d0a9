"""The fix the threads suggest: the worker turns urllib's HTTPError into an exception that
rebuilds from its args before it leaves the process
(https://github.com/python/cpython/issues/79492)."""
from concurrent.futures import ProcessPoolExecutor, as_completed
from urllib.error import HTTPError


class FetchFailed(Exception):
    pass


def fetch(url):
    try:
        raise HTTPError(url, 503, "Service Unavailable", {}, None)
    except HTTPError as error:
        raise FetchFailed(f"{url}: {error.code} {error.reason}") from None


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(fetch, u) for u in ("https://example.org/x",)]
        for future in as_completed(futures):
            try:
                future.result()
            except FetchFailed as error:
                print("failed:", error)
