PLUGIN_NAME = "reverse"


def transform(text):
    return " ".join(reversed(text.split()))
