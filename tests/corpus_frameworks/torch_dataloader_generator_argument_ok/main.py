# generator=torch.Generator() and shuffle=True with workers: the generator drives the
# sampler in the main process and seeds the workers; nothing unpicklable crosses.
import torch
from torch.utils.data import DataLoader, TensorDataset

if __name__ == "__main__":
    g = torch.Generator()
    g.manual_seed(0)
    loader = DataLoader(TensorDataset(torch.arange(8.0)), batch_size=4, shuffle=True,
                        num_workers=2, generator=g)
    print(sorted(sum((b[0].tolist() for b in loader), [])))
