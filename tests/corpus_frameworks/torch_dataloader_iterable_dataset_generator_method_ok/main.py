# The usual IterableDataset: __iter__ is a generator method, so each worker makes its own
# generator after the dataset (a plain object) has crossed.
import torch
from torch.utils.data import DataLoader, IterableDataset, get_worker_info


class ShardStream(IterableDataset):
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        info = get_worker_info()
        wid, nw = (info.id, info.num_workers) if info else (0, 1)
        for i in range(wid, self.n, nw):
            yield torch.tensor([float(i)])


if __name__ == "__main__":
    loader = DataLoader(ShardStream(6), batch_size=None, num_workers=2)
    print(sorted(float(t) for t in loader))
