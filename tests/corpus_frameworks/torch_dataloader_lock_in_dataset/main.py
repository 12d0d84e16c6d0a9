# Shape of https://github.com/sgrvinod/a-PyTorch-Tutorial-to-Image-Captioning/issues/143
# ("can't pickle _thread._local objects", avoided with num_workers=0):
# A dataset with a threading lock around its cache.
import threading

import torch
from torch.utils.data import DataLoader, Dataset


class CachedDataset(Dataset):
    def __init__(self):
        self.cache = {}
        self.lock = threading.Lock()

    def __len__(self):
        return 6

    def __getitem__(self, i):
        with self.lock:
            if i not in self.cache:
                self.cache[i] = torch.tensor([float(i)])
            return self.cache[i]


if __name__ == "__main__":
    loader = DataLoader(CachedDataset(), batch_size=3, num_workers=2)
    print([b.tolist() for b in loader])
