"""A mirror tool keeps a urllib opener with a CookieJar on self and fetches its URLs with
ProcessPoolExecutor.map(self.fetch, urls) (the shape of
https://github.com/python/cpython/issues/112144 and apache/buildstream#1826)."""
import hashlib
import os
import tempfile
import urllib.request
from concurrent.futures import ProcessPoolExecutor
from http.cookiejar import CookieJar
from pathlib import Path


class Mirror:
    def __init__(self, dest):
        self.dest = Path(dest)
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),
            urllib.request.HTTPCookieProcessor(self.cookies),
        )
        self.opener.addheaders = [("User-Agent", "mirror/0.3")]

    def fetch(self, url):
        with self.opener.open(url, timeout=5) as response:
            body = response.read()
        target = self.dest / os.path.basename(url)
        target.write_bytes(body)
        return target.name, hashlib.sha256(body).hexdigest()[:12]

    def fetch_all(self, urls):
        with ProcessPoolExecutor(max_workers=2) as executor:
            return list(executor.map(self.fetch, urls))


if __name__ == "__main__":
    src = Path(tempfile.mkdtemp(prefix="upstream-"))
    for name in ("index.json", "pkg-1.0.tar"):
        (src / name).write_bytes(name.encode() * 20)
    urls = [(src / name).as_uri() for name in ("index.json", "pkg-1.0.tar")]
    mirror = Mirror(tempfile.mkdtemp(prefix="mirror-"))
    for name, digest in mirror.fetch_all(urls):
        print(name, digest)
