# Shape of https://github.com/econ-ark/HARK/pull/377 ("move to default loky joblib backend,
# so lambda functions are picklable"): a lambda handed to Parallel on the default backend.
from joblib import Parallel, delayed


def solve(agent_params, utility):
    return sum(utility(c) for c in agent_params)


if __name__ == "__main__":
    crra = 2.0
    utility = lambda c: c ** (1 - crra) / (1 - crra)  # noqa: E731
    agents = [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]
    results = Parallel(n_jobs=2)(delayed(solve)(a, utility) for a in agents)
    print(results)
