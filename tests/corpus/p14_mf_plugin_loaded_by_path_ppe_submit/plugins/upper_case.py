PLUGIN_NAME = "upper"


def transform(text):
    return text.upper()
