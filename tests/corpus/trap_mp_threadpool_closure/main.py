"""multiprocessing.pool.ThreadPool runs closures in threads (fine)."""
from multiprocessing.pool import ThreadPool


def fetch_all(urls, timeout):
    def fetch(url):
        return f"{url} (timeout={timeout})"

    with ThreadPool(2) as pool:
        return pool.map(fetch, urls)


if __name__ == "__main__":
    print(fetch_all(["http://a", "http://b"], 3))
