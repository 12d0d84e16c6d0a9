# Shape of https://github.com/uqfoundation/pathos/issues/121: the point of multiprocess is
# that Pool.map takes a lambda (dill serializes it).
from multiprocess import Pool

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(lambda x: x ** 2, range(6)))
