"""Extract a field from module-level objects via operator.attrgetter (fine)."""
import operator
from multiprocessing import Pool


class User:
    def __init__(self, name, email):
        self.name = name
        self.email = email


if __name__ == "__main__":
    users = [User("ann", "ann@example.com"), User("bo", "bo@example.com")]
    with Pool(2) as pool:
        print(pool.map(operator.attrgetter("email"), users))
