"""Worker returns a lambda (a 'compiled' rule)."""
from multiprocessing import Pool


def compile_rule(threshold):
    return lambda v: v > threshold


if __name__ == "__main__":
    with Pool(2) as pool:
        rules = pool.map(compile_rule, [1, 5])
    print([r(3) for r in rules])
