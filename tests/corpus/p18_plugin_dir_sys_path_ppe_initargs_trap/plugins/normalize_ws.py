class Plugin:
    name = "normalize-whitespace"
    order = 20

    def __init__(self, collapse=True):
        self.collapse = collapse

    def apply(self, record):
        text = record["text"].strip()
        record["text"] = " ".join(text.split()) if self.collapse else text
        return record
