"""Tokenise documents with a module-level tokenizer (fine twin)."""
from multiprocessing import Pool

DOCS = ["the quick brown fox", "a lazy dog", "the end of the story"]
STOPWORDS = {"the", "a", "of"}


def tokenize(doc):
    return [w for w in doc.split() if w not in STOPWORDS]


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map_async(tokenize, DOCS).get(timeout=30))
