"""Pass a threading.Event used as a stop flag to a worker."""
import threading
from concurrent.futures import ProcessPoolExecutor


def crawl(urls, stop):
    return [u for u in urls if not stop.is_set()]


if __name__ == "__main__":
    stop = threading.Event()
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(crawl, ["http://a", "http://b"], stop).result())
