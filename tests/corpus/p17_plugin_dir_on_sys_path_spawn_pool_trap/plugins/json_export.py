"""JSON exporter plugin (discovered at runtime, not installed)."""
import json


class Plugin:
    name = "json"

    def __init__(self, indent=None, sort_keys=True):
        self.indent = indent
        self.sort_keys = sort_keys

    def render(self, rows):
        return json.dumps(rows, indent=self.indent, sort_keys=self.sort_keys)
