"""Tokenise documents; the tokenizer is a nested function using a stopword set."""
from multiprocessing import Pool

DOCS = ["the quick brown fox", "a lazy dog", "the end of the story"]


def build_index(docs, stopwords):
    def tokenize(doc):
        return [w for w in doc.split() if w not in stopwords]

    with Pool(2) as pool:
        return pool.map_async(tokenize, docs).get(timeout=30)


if __name__ == "__main__":
    print(build_index(DOCS, {"the", "a", "of"}))
