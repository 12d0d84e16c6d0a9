# torch.multiprocessing.spawn with a tensor and a module-level function: both pickle.
import torch
import torch.multiprocessing as mp


def worker(rank, weights, scale):
    print(rank, float((weights * scale).sum()))


if __name__ == "__main__":
    mp.spawn(worker, args=(torch.ones(4), 2.0), nprocs=2, join=True)
