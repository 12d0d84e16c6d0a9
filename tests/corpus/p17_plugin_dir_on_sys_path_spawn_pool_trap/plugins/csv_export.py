"""CSV exporter plugin (discovered at runtime, not installed)."""
import csv
import io


class Plugin:
    name = "csv"

    def __init__(self, delimiter=","):
        self.delimiter = delimiter

    def render(self, rows):
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), delimiter=self.delimiter)
        writer.writeheader()
        writer.writerows(rows)
        return buf.getvalue()
