# torch.multiprocessing.Pool is multiprocessing's Pool with torch's reducers: tasks go
# through pickle under every start method, so the lambda fails even when forked.
import torch
import torch.multiprocessing as mp

if __name__ == "__main__":
    with mp.Pool(2) as pool:
        print(pool.map(lambda t: float(t.sum()), [torch.ones(2), torch.ones(3)]))
