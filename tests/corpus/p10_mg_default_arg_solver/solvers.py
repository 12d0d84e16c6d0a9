import multiprocessing


def solve_block(block):
    return sum(block)


class DirectSolver:
    """Solves blocks in parallel; the pool is made once, with the solver."""

    def __init__(self, processes=2):
        self.pool = multiprocessing.Pool(processes)

    def solve(self, blocks):
        return self.pool.map(solve_block, blocks)

    def close(self):
        self.pool.close()
        self.pool.join()
