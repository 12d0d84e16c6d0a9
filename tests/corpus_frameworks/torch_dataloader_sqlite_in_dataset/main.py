# Shape of https://github.com/nicolay-r/ARElight/issues/147 ("cannot pickle
# 'sqlite3.Connection' object" from a DataLoader): the dataset keeps its connection.
import sqlite3

import torch
from torch.utils.data import DataLoader, Dataset


class SqlDataset(Dataset):
    def __init__(self):
        self.conn = sqlite3.connect(":memory:")
        self.conn.execute("CREATE TABLE t (v REAL)")
        self.conn.executemany("INSERT INTO t VALUES (?)", [(float(i),) for i in range(6)])
        self.rows = [r[0] for r in self.conn.execute("SELECT v FROM t ORDER BY v")]

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        return torch.tensor(self.rows[i])


if __name__ == "__main__":
    loader = DataLoader(SqlDataset(), batch_size=2, num_workers=2)
    print([b.tolist() for b in loader])
