# torch.multiprocessing.Pool sending tensors both ways (through shared memory).
import torch
import torch.multiprocessing as mp


def double(t):
    return t * 2


if __name__ == "__main__":
    with mp.Pool(2) as pool:
        print([t.tolist() for t in pool.map(double, [torch.ones(2), torch.zeros(2)])])
