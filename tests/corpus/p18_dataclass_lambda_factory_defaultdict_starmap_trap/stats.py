"""Per-shard corpus statistics for the tokenizer-training preprocessing step."""
from collections import defaultdict
from dataclasses import dataclass, field


@dataclass
class ShardStats:
    shard: str
    documents: int = 0
    tokens: int = 0
    # grouped token lengths and rare words, filled while scanning
    by_length: defaultdict = field(default_factory=lambda: defaultdict(int))
    rare: defaultdict = field(default_factory=lambda: defaultdict(list))

    def add_document(self, doc_id, text, vocab):
        self.documents += 1
        for word in text.split():
            self.tokens += 1
            self.by_length[len(word)] += 1
            if word not in vocab:
                self.rare[word].append(doc_id)

    def merge(self, other):
        self.documents += other.documents
        self.tokens += other.tokens
        for k, v in other.by_length.items():
            self.by_length[k] += v
        for k, v in other.rare.items():
            self.rare[k].extend(v)
        return self
