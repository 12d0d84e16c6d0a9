# Shape of https://github.com/qiuqiao/SOFA/issues/18 ("h5py objects cannot be pickled"):
# the dataset opens its store in __init__ to read metadata and keeps the handle. The
# handle class refuses pickling the way h5py's objects do.
import torch
from torch.utils.data import DataLoader, Dataset


class H5File:
    """Stands in for h5py.File: an open native handle that raises when pickled."""

    def __init__(self, path, mode="r"):
        self.path, self.mode = path, mode
        self.attrs = {"n": 6}

    def __getnewargs__(self):
        raise TypeError("h5py objects cannot be pickled")

    def __getstate__(self):
        raise TypeError("h5py objects cannot be pickled")


class BinarizedDataset(Dataset):
    def __init__(self, path):
        self.file = H5File(path)
        self.n = self.file.attrs["n"]

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return torch.tensor([i, i * 2])


if __name__ == "__main__":
    loader = DataLoader(BinarizedDataset("train.h5"), batch_size=3, num_workers=2)
    print([b.tolist() for b in loader])
