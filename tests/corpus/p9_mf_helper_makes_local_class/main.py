"""helpers.make_record_type() builds a class inside a function; its instances are sent to the pool."""
from multiprocessing import Pool

from helpers import make_record_type

Person = make_record_type("name", "age")


def is_adult(p):
    return p.name, p.age >= 18


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(is_adult, [Person("ann", 30), Person("kid", 9)]))
