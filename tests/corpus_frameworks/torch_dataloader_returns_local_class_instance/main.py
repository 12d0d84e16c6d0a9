# After https://github.com/pyg-team/pytorch_geometric/issues/3143 (PicklingError in the worker
# result queue for a Batch class):
# The collate_fn wraps each batch in a class defined inside the function that builds the
# loader; the batches come back from the workers through pickle.
import torch
from torch.utils.data import DataLoader, TensorDataset


def build_loader():
    class Batch:
        def __init__(self, items):
            self.x = torch.stack([t[0] for t in items])

    return DataLoader(TensorDataset(torch.arange(6.0)), batch_size=3, num_workers=1,
                      collate_fn=Batch, multiprocessing_context="fork", timeout=5)


if __name__ == "__main__":
    for b in build_loader():
        print(b.x)
