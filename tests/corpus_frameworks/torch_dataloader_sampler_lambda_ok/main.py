# A sampler sorting by a lambda key: the sampler runs in the main process, which sends
# only the indices it yields, so the lambda never crosses.
import torch
from torch.utils.data import DataLoader, Sampler, TensorDataset


class SortedSampler(Sampler):
    def __init__(self, data, key):
        self.data, self.key = data, key

    def __iter__(self):
        return iter(sorted(range(len(self.data)), key=self.key))

    def __len__(self):
        return len(self.data)


if __name__ == "__main__":
    data = TensorDataset(torch.tensor([3.0, 1.0, 2.0, 0.0]))
    sampler = SortedSampler(data, key=lambda i: float(data[i][0]))
    loader = DataLoader(data, batch_size=2, sampler=sampler, num_workers=2)
    print([b[0].tolist() for b in loader])
