"""Download workers return either data or an error: DownloadError takes the URL and hands
the URL and an error code to its parent's constructor, one more argument than its own
__init__ accepts (the shape of https://github.com/uqfoundation/multiprocess/issues/33)."""
import multiprocessing

ERROR_CODES = {"timeout": 1, "not-found": 2}


class DownloadError(Exception):
    def __init__(self, url):
        super().__init__(url, ERROR_CODES["not-found"])
        self.url = url


def download(url):
    if url.endswith(".missing"):
        return DownloadError(url)
    return url, len(url)


if __name__ == "__main__":
    urls = ["https://example.org/a.csv", "https://example.org/b.missing"]
    with multiprocessing.Pool(2) as pool:
        for result in pool.map(download, urls):
            if isinstance(result, DownloadError):
                print("failed:", result.url)
            else:
                print("ok:", result)
