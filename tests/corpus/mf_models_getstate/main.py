"""Same Account class but with __getstate__/__setstate__ dropping the lock (fine)."""
from concurrent.futures import ProcessPoolExecutor

from models import Account


def audit(account):
    return account.owner, account.balance >= 0


if __name__ == "__main__":
    accounts = [Account("ann", 10), Account("bo", -5)]
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(audit, accounts)))
