"""The exception's second argument has a default, so cls(message) still works."""
from multiprocessing import Pool


class QuotaExceeded(Exception):
    def __init__(self, user, limit=100):
        super().__init__(f"{user} exceeded {limit}")
        self.user = user
        self.limit = limit


def charge(user):
    if user == "bo":
        raise QuotaExceeded(user, 50)
    return user


if __name__ == "__main__":
    with Pool(2) as pool:
        try:
            print(pool.map(charge, ["ann", "bo"]))
        except QuotaExceeded as exc:
            print("quota:", exc)
