"""A __slots__ class with a lock slot is sent to Pool.map."""
import threading
from multiprocessing import Pool


class Account:
    __slots__ = ("owner", "balance", "lock")

    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance
        self.lock = threading.Lock()


def audit(acct):
    return acct.owner, acct.balance >= 0


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(audit, [Account("ann", 10), Account("bo", -3)]))
