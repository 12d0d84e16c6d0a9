# The fix from https://github.com/ACEsuit/mace/pull/117: the handle is opened lazily, on
# first access in each worker, and left out of what is pickled.
import torch
from torch.utils.data import DataLoader, Dataset


class H5File:
    def __init__(self, path):
        self.path = path

    def __getstate__(self):
        raise TypeError("h5py objects cannot be pickled")


class LazyDataset(Dataset):
    def __init__(self, path):
        self.path = path
        self._file = None

    @property
    def file(self):
        if self._file is None:
            self._file = H5File(self.path)
        return self._file

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_file"] = None
        return state

    def __len__(self):
        return 6

    def __getitem__(self, i):
        assert self.file.path == self.path
        return torch.tensor([i])


if __name__ == "__main__":
    ds = LazyDataset("train.h5")
    ds.file  # opened once in the parent, for metadata
    loader = DataLoader(ds, batch_size=3, num_workers=2)
    print([b.tolist() for b in loader])
