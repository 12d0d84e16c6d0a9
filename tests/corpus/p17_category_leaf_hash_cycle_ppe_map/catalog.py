"""Product category tree: every node knows its parent and its children."""


class Category:
    def __init__(self, slug, title, parent=None, markup=None):
        self.slug = slug
        self.title = title
        self.parent = parent
        self.children = set()
        self._markup = markup
        if parent is not None:
            parent.children.add(self)

    # categories are used as set members / dict keys all over the shop code
    def __hash__(self):
        return hash(self.slug)

    def __eq__(self, other):
        return isinstance(other, Category) and other.slug == self.slug

    def __repr__(self):
        return f"Category({self.slug!r})"

    @property
    def markup(self):
        node = self
        while node is not None:
            if node._markup is not None:
                return node._markup
            node = node.parent
        return 1.0

    def path(self):
        parts, node = [], self
        while node is not None:
            parts.append(node.slug)
            node = node.parent
        return "/".join(reversed(parts))


def build_tree(spec, parent=None):
    """spec: {slug: (title, markup, {child specs})}"""
    nodes = []
    for slug, (title, markup, kids) in spec.items():
        node = Category(slug, title, parent=parent, markup=markup)
        nodes.append(node)
        build_tree(kids, parent=node)
    return nodes


def leaves(nodes):
    for node in nodes:
        if node.children:
            yield from leaves(sorted(node.children, key=lambda c: c.slug))
        else:
            yield node
