# Shape of https://github.com/ohayonguy/PMRF/issues/9 ("Can't pickle local object
# 'main.<locals>.<lambda>'"): a lambda stored in the Dataset, num_workers > 0.
import torch
from torch.utils.data import DataLoader, Dataset


class ImageFolderDataset(Dataset):
    def __init__(self, n, degradation):
        self.n = n
        self.degradation = degradation

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        return self.degradation(torch.full((3,), float(i)))


def main():
    ds = ImageFolderDataset(8, degradation=lambda x: x * 0.5)
    loader = DataLoader(ds, batch_size=4, num_workers=2)
    for batch in loader:
        print(batch.shape)


if __name__ == "__main__":
    main()
