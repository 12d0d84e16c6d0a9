# Shape of https://github.com/Lyken17/Efficient-PyTorch/issues/13 (the dataset's open store
# could not be pickled for the workers; opening it on first __getitem__ fixed it):
# A dataset that keeps its annotation file open and reads it line by line.
import torch
from torch.utils.data import DataLoader, Dataset


class LinesDataset(Dataset):
    def __init__(self, path):
        self.fh = open(path)
        self.offsets = []
        pos = 0
        for line in self.fh:
            self.offsets.append(pos)
            pos += len(line)

    def __len__(self):
        return len(self.offsets)

    def __getitem__(self, i):
        return torch.tensor(len(str(i)))


if __name__ == "__main__":
    loader = DataLoader(LinesDataset(__file__), batch_size=8, num_workers=2)
    print(sum(int(b.sum()) for b in loader))
