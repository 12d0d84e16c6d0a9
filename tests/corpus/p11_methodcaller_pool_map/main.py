"""operator.methodcaller replaces the `lambda line: line.split(",")` that Pool.map could not send (https://github.com/uber/bayesmark/pull/8)."""
from multiprocessing import Pool
from operator import methodcaller

if __name__ == "__main__":
    lines = ["id,name,score", "1,ada,91", "2,linus,78"]
    split_csv = methodcaller("split", ",")
    with Pool(2) as pool:
        rows = pool.map(split_csv, lines)
        upper = pool.map(methodcaller("upper"), [r[1] for r in rows[1:]])
    print(rows, upper)
