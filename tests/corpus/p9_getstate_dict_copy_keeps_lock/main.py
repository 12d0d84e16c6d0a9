"""__getstate__ returns dict(self.__dict__): a copy, but the lock is still in it."""
import threading
from concurrent.futures import ProcessPoolExecutor


class Session:
    def __init__(self, user):
        self.user = user
        self.lock = threading.RLock()

    def __getstate__(self):
        state = dict(self.__dict__)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.lock = threading.RLock()


def greet(session):
    return f"hello {session.user}"


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(greet, Session("ann")).result())
