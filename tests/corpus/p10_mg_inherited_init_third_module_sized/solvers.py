import multiprocessing


def solve_block(block):
    return sum(block)


class PooledSolver:
    """Base class: every solver gets its pool when it is made."""

    def __init__(self, processes=2):
        self.pool = multiprocessing.Pool(processes)

    def solve(self, blocks):
        return self.pool.map(solve_block, blocks)

    def close(self):
        self.pool.close()
        self.pool.join()
