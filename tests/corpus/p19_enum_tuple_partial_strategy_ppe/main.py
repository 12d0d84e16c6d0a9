"""Resampling strategies as Enum members holding (function, label) pairs.

Modelled on https://github.com/ionelmc/python-tblib/issues/18 (`MY_CONSTANT =
partial(my_function)`: functions wrapped so they become members), here inside a
(function, label) tuple.

What happens: a strategy member is submitted to a ProcessPoolExecutor.
"""
import enum
import statistics
from concurrent.futures import ProcessPoolExecutor
from functools import partial


class Strategy(enum.Enum):
    MEAN = (partial(statistics.fmean), "mean of the window")
    MEDIAN = (partial(statistics.median), "median of the window")

    @property
    def function(self):
        return self.value[0]


def resample(series, strategy, window=3):
    fn = strategy.function
    return [fn(series[i:i + window]) for i in range(0, len(series), window)]


def main():
    series = [3.0, 4.5, 2.0, 8.0, 7.5, 6.0, 1.0]
    with ProcessPoolExecutor(max_workers=2) as pool:
        future = pool.submit(resample, series, Strategy.MEDIAN)
        print(future.result(timeout=20))


if __name__ == "__main__":
    main()
