"""A small BeautifulSoup-like tree: every node knows its parent and the element
parsed just before/after it (next_element / previous_element)."""
from html.parser import HTMLParser


class Node:
    def __init__(self, parent):
        self.parent = parent
        self.previous_element = None
        self.next_element = None


class Text(Node):
    def __init__(self, parent, text):
        super().__init__(parent)
        self.text = text


class Tag(Node):
    def __init__(self, name, attrs, parent):
        super().__init__(parent)
        self.name = name
        self.attrs = dict(attrs)
        self.contents = []

    def __getitem__(self, key):
        return self.attrs[key]

    def get_text(self):
        return "".join(c.text if isinstance(c, Text) else c.get_text() for c in self.contents)

    def find_all(self, name):
        found, node = [], self.next_element
        while node is not None:
            if isinstance(node, Tag) and node.name == name:
                found.append(node)
            node = node.next_element
        return found


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.root = Tag("[document]", (), None)
        self.current = self.root
        self.last = self.root

    def _link(self, node):
        node.previous_element = self.last
        self.last.next_element = node
        self.last = node

    def handle_starttag(self, tag, attrs):
        node = Tag(tag, attrs, self.current)
        self.current.contents.append(node)
        self._link(node)
        self.current = node

    def handle_endtag(self, tag):
        if self.current.parent is not None:
            self.current = self.current.parent

    def handle_data(self, data):
        if data.strip():
            node = Text(self.current, data)
            self.current.contents.append(node)
            self._link(node)


def parse(html):
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root
