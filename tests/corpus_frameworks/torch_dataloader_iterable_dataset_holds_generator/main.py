# An IterableDataset that stores the generator it will read from (instead of making it in
# __iter__): the dataset is pickled for each worker unless the workers are forked.
import torch
from torch.utils.data import DataLoader, IterableDataset


def read_shards(n):
    for i in range(n):
        yield torch.tensor([float(i)])


class ShardStream(IterableDataset):
    def __init__(self, source):
        self.source = source

    def __iter__(self):
        return iter(self.source)


if __name__ == "__main__":
    loader = DataLoader(ShardStream(read_shards(4)), batch_size=2, num_workers=1)
    print([b.tolist() for b in loader])
