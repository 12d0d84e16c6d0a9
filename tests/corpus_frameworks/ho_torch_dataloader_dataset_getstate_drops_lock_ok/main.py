# The dataset holds a threading.Lock and an open file, which would not pickle, but it defines
# __getstate__/__setstate__ that drop both and rebuild them in the worker, so it works under
# every start method.
import os
import tempfile
import threading

import torch
from torch.utils.data import DataLoader, Dataset


class Shards(Dataset):
    def __init__(self, path):
        self.path = path
        self._open()

    def _open(self):
        self.lock = threading.Lock()
        self.fh = open(self.path, "rb")

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["lock"], state["fh"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._open()

    def __len__(self):
        return 6

    def __getitem__(self, i):
        with self.lock:
            self.fh.seek(i)
            return torch.tensor(self.fh.read(1)[0])


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(), "shards.bin")
    with open(path, "wb") as f:
        f.write(bytes(range(10, 16)))
    loader = DataLoader(Shards(path), batch_size=3, num_workers=2)
    print([b.tolist() for b in loader])
