# Shape of https://github.com/xingyizhou/CenterNet/issues/649 ("Can't pickle local object
# 'get_dataset.<locals>.Dataset'"): the Dataset class is made by a factory function.
import torch
from torch.utils.data import DataLoader
from torch.utils.data import Dataset as TorchDataset


def get_dataset(n):
    class Dataset(TorchDataset):
        def __len__(self):
            return n

        def __getitem__(self, i):
            return torch.tensor(i)

    return Dataset


if __name__ == "__main__":
    loader = DataLoader(get_dataset(6)(), batch_size=3, num_workers=2)
    print([b.tolist() for b in loader])
