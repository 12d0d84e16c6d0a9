"""Pass a Manager().Event() proxy as the stop flag (fine twin)."""
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def crawl(urls, stop):
    return [u for u in urls if not stop.is_set()]


if __name__ == "__main__":
    with mp.Manager() as m:
        stop = m.Event()
        with ProcessPoolExecutor(max_workers=2) as ex:
            print(ex.submit(crawl, ["http://a", "http://b"], stop).result())
