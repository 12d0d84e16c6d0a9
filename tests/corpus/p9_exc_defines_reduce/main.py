"""A two-argument exception defines __reduce__ so it can be rebuilt in the parent."""
from concurrent.futures import ProcessPoolExecutor


class HttpError(Exception):
    def __init__(self, status, url):
        super().__init__(f"{status} for {url}")
        self.status = status
        self.url = url

    def __reduce__(self):
        return (HttpError, (self.status, self.url))


def fetch(url):
    if url.endswith("/missing"):
        raise HttpError(404, url)
    return 200


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        fut = ex.submit(fetch, "http://x/missing")
        try:
            fut.result()
        except HttpError as exc:
            print("failed:", exc.status, exc.url)
