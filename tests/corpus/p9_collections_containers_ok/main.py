"""deque(maxlen=...), array, Counter, OrderedDict and ChainMap are sent to the pool."""
from array import array
from collections import ChainMap, Counter, OrderedDict, deque
from multiprocessing import Pool


def summarize(bundle):
    window, samples, counts, ordered, layered = bundle
    return (list(window), sum(samples), counts.most_common(1), list(ordered), layered["mode"])


if __name__ == "__main__":
    bundle = (deque([1, 2, 3, 4], maxlen=3), array("d", [0.5, 1.5]), Counter("abca"),
              OrderedDict(b=1, a=2), ChainMap({"mode": "fast"}, {"mode": "slow"}))
    with Pool(1) as pool:
        print(pool.apply(summarize, (bundle,)))
