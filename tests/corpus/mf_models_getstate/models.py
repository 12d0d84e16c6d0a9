import threading


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance
        self._lock = threading.Lock()

    def __getstate__(self):
        return {"owner": self.owner, "balance": self.balance}

    def __setstate__(self, state):
        self.__init__(state["owner"], state["balance"])
