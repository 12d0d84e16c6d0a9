"""A Fetcher holding connected sockets sent to pool workers: multiprocessing can pickle sockets."""
from multiprocessing import Pool

from scraper import Fetcher


def ua(fetcher):
    return fetcher.user_agent


if __name__ == "__main__":
    f = Fetcher()
    try:
        with Pool(2) as pool:
            print(pool.map(ua, [f]))
    finally:
        f.close()
