# persistent_workers=True keeps the workers between epochs, but they are started the same
# way, with the dataset (and its lambda) pickled for them unless forked.
import torch
from torch.utils.data import DataLoader, Dataset


class Augmented(Dataset):
    def __init__(self):
        self.augment = lambda t: t.flip(0)

    def __len__(self):
        return 4

    def __getitem__(self, i):
        return self.augment(torch.arange(3.0) + i)


if __name__ == "__main__":
    loader = DataLoader(Augmented(), batch_size=2, num_workers=1, persistent_workers=True)
    for epoch in range(2):
        print(epoch, [b.tolist() for b in loader])
