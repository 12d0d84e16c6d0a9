# Shape of https://github.com/HazyResearch/cartridges/issues/20 (collate_fn=lambda,
# num_workers=1), with multiprocessing_context="spawn" asked for explicitly, so even on
# Linux the loader's parts are pickled for the workers.
import torch
from torch.utils.data import DataLoader, TensorDataset


def train():
    dataset = TensorDataset(torch.arange(6.0))
    dataloader = DataLoader(
        dataset,
        batch_size=1,
        collate_fn=lambda x: x[0],
        num_workers=1,
        multiprocessing_context="spawn",
    )
    for item in dataloader:
        print(item)


if __name__ == "__main__":
    train()
