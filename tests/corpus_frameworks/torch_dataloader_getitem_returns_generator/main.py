# __getitem__ returns a generator (batch_size=None, so nothing collates it): each item
# has to be pickled back from the worker, whatever the start method.
from torch.utils.data import DataLoader, Dataset


class Windows(Dataset):
    def __len__(self):
        return 4

    def __getitem__(self, i):
        return (i + k for k in range(3))


if __name__ == "__main__":
    loader = DataLoader(Windows(), batch_size=None, num_workers=1, timeout=5)
    for window in loader:
        print(list(window))
