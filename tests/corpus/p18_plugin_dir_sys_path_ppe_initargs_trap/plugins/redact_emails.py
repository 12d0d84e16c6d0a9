import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


class Plugin:
    name = "redact-emails"
    order = 10

    def __init__(self, replacement="<email>"):
        self.replacement = replacement

    def apply(self, record):
        record["text"] = EMAIL.sub(self.replacement, record["text"])
        return record
