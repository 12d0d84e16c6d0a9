# Based on https://github.com/hpcaitech/ColossalAI/issues/4760 (collate_fn=partial(
# tokenize_batch, tokenizer=tokenizer) breaks once num_workers > 0). The partial itself pickles;
# the tokenizer it binds keeps a threading.Lock around its vocabulary cache. Forked workers
# inherit it; spawned/forkserver workers need collate_fn pickled.
import functools
import threading

import torch
from torch.utils.data import DataLoader, Dataset


class Tokenizer:
    def __init__(self):
        self.vocab = {}
        self._vocab_lock = threading.Lock()

    def encode(self, text):
        with self._vocab_lock:
            return [self.vocab.setdefault(w, len(self.vocab)) for w in text.split()]


def tokenize_batch(batch, tokenizer, max_length):
    ids = [tokenizer.encode(t)[:max_length] for t in batch]
    ids = [x + [0] * (max_length - len(x)) for x in ids]
    return torch.tensor(ids)


class Texts(Dataset):
    def __init__(self):
        self.rows = ["a b c", "b c d", "c d e f", "a"]

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        return self.rows[i]


if __name__ == "__main__":
    tokenizer = Tokenizer()
    loader = DataLoader(
        Texts(),
        batch_size=2,
        num_workers=1,
        collate_fn=functools.partial(tokenize_batch, tokenizer=tokenizer, max_length=4),
    )
    for batch in loader:
        print(batch.shape)
