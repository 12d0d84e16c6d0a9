# A multiprocessing lock (torch.multiprocessing) in the dataset: it may be pickled while
# the workers are being started, which is exactly when the dataset is.
import torch
import torch.multiprocessing as tmp
from torch.utils.data import DataLoader, Dataset


class CountingDataset(Dataset):
    def __init__(self):
        self.lock = tmp.Lock()

    def __len__(self):
        return 6

    def __getitem__(self, i):
        with self.lock:
            return torch.tensor([float(i)])


if __name__ == "__main__":
    loader = DataLoader(CountingDataset(), batch_size=3, num_workers=2)
    print([b.tolist() for b in loader])
