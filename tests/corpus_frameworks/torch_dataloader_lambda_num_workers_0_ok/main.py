# Shape of https://github.com/belskikh/kekas/issues/26 ("When num_workers=0 it goes
# normal"): the same lambda transforms, loaded in this process.
import torch
from torch.utils.data import DataLoader, Dataset


class Transformer:
    def __init__(self, key, fn):
        self.key, self.fn = key, fn

    def __call__(self, item):
        item[self.key] = self.fn(item[self.key])
        return item


class Pairs(Dataset):
    def __init__(self, tfm):
        self.tfm = tfm

    def __len__(self):
        return 6

    def __getitem__(self, i):
        return self.tfm({"image": torch.ones(2) * i})


def get_transforms(size):
    return Transformer("image", lambda x: x[:size])


if __name__ == "__main__":
    loader = DataLoader(Pairs(get_transforms(1)), batch_size=3, num_workers=0)
    print([b["image"].shape for b in loader])
