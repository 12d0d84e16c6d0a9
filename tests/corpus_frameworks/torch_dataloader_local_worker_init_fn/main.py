# Shape of https://github.com/Open-Superintelligence-Lab/5-dollar-llm/pull/83
# ("Can't get local object 'main.<locals>.worker_init_fn'"): a worker_init_fn defined in main().
import random

import torch
from torch.utils.data import DataLoader, TensorDataset


def main():
    seed = 1234

    def worker_init_fn(worker_id):
        random.seed(seed + worker_id)

    data = TensorDataset(torch.randn(8, 2))
    loader = DataLoader(data, batch_size=4, num_workers=2, worker_init_fn=worker_init_fn)
    for (x,) in loader:
        print(x.shape)


if __name__ == "__main__":
    main()
