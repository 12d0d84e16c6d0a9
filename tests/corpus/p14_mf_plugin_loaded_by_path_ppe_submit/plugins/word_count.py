from collections import Counter

PLUGIN_NAME = "word-count"


def transform(text):
    counts = Counter(text.split())
    return dict(counts.most_common(2))
