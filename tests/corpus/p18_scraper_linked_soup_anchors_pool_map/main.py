"""Mirror script: list the files linked from an index page and "download" each
one in a multiprocessing.Pool.

Modelled on https://github.com/leylabmpi/Struo2/issues/16 (database_download.py
does `pool.map(func, data.find_all('a'))` on BeautifulSoup anchors and dies in
Pool._handle_tasks -> put(task) while pickling).

What fails: each anchor handed to pool.map is a soup.Tag whose parent /
next_element / previous_element links reach every other node of the page, so
pickling one anchor means pickling the whole document as one long chain.  The
pickler recurses once per link and raises RecursionError: maximum recursion depth
exceeded while pickling an object, which pool.map re-raises.  No network is used:
the page is generated and the "download" only builds a local path.
"""
import functools
import multiprocessing
import os

import soup

BASE_URL = "https://data.example.org/gtdb/release202/"


def index_page(n_files):
    rows = "".join(
        f'<tr><td><a href="genome_{i:05d}.fna.gz">genome_{i:05d}</a></td><td>{i * 17 % 9000} KB</td></tr>'
        for i in range(n_files)
    )
    return f"<html><body><h1>Index of /release202</h1><table>{rows}</table></body></html>"


def fetch(link, base_url, out_dir):
    url = base_url + link["href"]
    target = os.path.join(out_dir, os.path.basename(url))
    return url, target


def dl_files(page_html, out_dir, processes=2):
    data = soup.parse(page_html)
    func = functools.partial(fetch, base_url=BASE_URL, out_dir=out_dir)
    with multiprocessing.Pool(processes) as pool:
        return pool.map(func, data.find_all("a"), chunksize=64)


def main():
    results = dl_files(index_page(2500), out_dir="custom_dbs/GTDB_release202")
    print("would download", len(results), "files, first:", results[0][0])


if __name__ == "__main__":
    main()
