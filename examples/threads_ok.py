"""Fetch several "pages" concurrently with threads.

Expected: nothing. ThreadPoolExecutor runs tasks in the same process, so lambdas, closures and
locks are fine here.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

PAGES = ["index", "about", "contact"]
lock = threading.Lock()
fetched = []


def fetch(page):
    with lock:
        fetched.append(page)
    return f"<html>{page}</html>"


def main():
    with ThreadPoolExecutor(max_workers=3) as executor:
        sizes = list(executor.map(lambda page: len(fetch(page)), PAGES))
    print(dict(zip(PAGES, sizes)), sorted(fetched))


if __name__ == "__main__":
    main()
