"""The lock is a class attribute, not an instance attribute; instances go to Pool.map."""
import threading
from multiprocessing import Pool


class Ticket:
    _lock = threading.Lock()
    _next = 0

    def __init__(self, title):
        with Ticket._lock:
            Ticket._next += 1
            self.id = Ticket._next
        self.title = title


def summary(t):
    return f"#{t.id} {t.title}"


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(summary, [Ticket("crash"), Ticket("typo")]))
