import threading


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance
        self._lock = threading.Lock()

    def deposit(self, amount):
        with self._lock:
            self.balance += amount
