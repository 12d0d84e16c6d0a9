"""Feed files are checked in parallel with xml.sax in a Pool (imap_unordered over the paths). One
file is malformed, so ``xml.sax.parse`` raises ``SAXParseException`` in the worker. That exception
keeps its locator, the ExpatParser, which still holds the input source and its (closed) file, so
the worker cannot pickle the exception to send it back: the parent gets a MaybeEncodingError about
a BufferedReader instead of the parse error (the shape of https://github.com/gwpy/gwpy/pull/419,
"SAXExceptions are not pickleable")."""
import multiprocessing
import os
import tempfile
import xml.sax

GOOD_FEED = """<?xml version="1.0"?>
<rss><channel><title>{name}</title>
{items}
</channel></rss>
"""


class FeedStats(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.items = 0
        self.longest_title = ""
        self._in_title = False
        self._buffer = []

    def startElement(self, name, attrs):
        if name == "item":
            self.items += 1
        elif name == "title":
            self._in_title = True
            self._buffer = []

    def characters(self, content):
        if self._in_title:
            self._buffer.append(content)

    def endElement(self, name):
        if name == "title":
            self._in_title = False
            title = "".join(self._buffer).strip()
            if len(title) > len(self.longest_title):
                self.longest_title = title


def scan_feed(path):
    handler = FeedStats()
    xml.sax.parse(path, handler)
    return os.path.basename(path), handler.items, handler.longest_title


def write_feeds(directory):
    paths = []
    for n in range(3):
        items = "\n".join(
            f"<item><title>post {n}.{i} about pickling</title></item>" for i in range(n + 2)
        )
        path = os.path.join(directory, f"feed{n}.xml")
        with open(path, "w") as fh:
            fh.write(GOOD_FEED.format(name=f"feed {n}", items=items))
        paths.append(path)
    broken = os.path.join(directory, "broken.xml")
    with open(broken, "w") as fh:
        fh.write("<rss><channel><title>oops</channel></rss>")
    paths.append(broken)
    return paths


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_feeds(tmp)
        with multiprocessing.Pool(2) as pool:
            for name, count, longest in pool.imap_unordered(scan_feed, paths):
                print(f"{name:12} {count} items, longest title {longest!r}")
