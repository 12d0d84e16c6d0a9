class Row:
    def __init__(self, **fields):
        self.fields = fields


class LazyRecord:
    """Wraps a Row and exposes its fields as attributes."""

    def __init__(self, row):
        self._row = row

    def __getattr__(self, name):
        try:
            return self._row.fields[name]
        except KeyError:
            raise AttributeError(name) from None
