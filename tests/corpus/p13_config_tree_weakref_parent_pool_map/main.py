"""Validates the sections of a parsed config tree in a Pool; each node keeps a weakref to its
parent so the tree can be walked upwards without reference cycles (the shape of
https://github.com/reefgenomics/SymPortal_framework/issues/108)."""
import multiprocessing
import weakref


class ConfigNode:
    def __init__(self, name, parent=None, **values):
        self.name = name
        self.values = values
        self.children = []
        self._parent = weakref.ref(parent) if parent is not None else None
        if parent is not None:
            parent.children.append(self)

    @property
    def parent(self):
        return self._parent() if self._parent is not None else None

    def path(self):
        node, parts = self, []
        while node is not None:
            parts.append(node.name)
            node = node.parent
        return ".".join(reversed(parts))


def validate_section(section):
    problems = []
    for key, value in section.values.items():
        if value in (None, ""):
            problems.append(f"{section.path()}.{key} is empty")
    return section.name, problems


if __name__ == "__main__":
    root = ConfigNode("app")
    ConfigNode("database", root, host="db.internal", port=5432, password="")
    ConfigNode("cache", root, url="redis://cache:6379/0", ttl=300)
    ConfigNode("mail", root, relay=None, sender="noreply@example.org")

    with multiprocessing.Pool(2) as pool:
        for name, problems in pool.map(validate_section, root.children):
            print(name, problems or "ok")
