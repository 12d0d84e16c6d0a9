# The dataset of https://github.com/pytorch/pytorch/issues/1595 (torch.rand items,
# num_workers > 0), small:
# Plain tensors in a module-level Dataset with workers: the batches come back through
# shared memory; nothing here is unpicklable.
import torch
from torch.utils.data import DataLoader, Dataset


class Noise(Dataset):
    def __init__(self, n):
        self.data = torch.randn(n, 4)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        return self.data[i], i


if __name__ == "__main__":
    loader = DataLoader(Noise(10), batch_size=5, num_workers=2)
    print([(x.shape, y.tolist()) for x, y in loader])
