"""Backtest several trading strategies, passing the strategy *classes* to the pool.

Modelled on https://github.com/uqfoundation/pathos/issues/156 ("ProcessPool in
3.x fails with PicklingError for dynamically created classes"), where
`p.map(SomeConreteClass, [1, 2, 3])` with an abc.ABC-derived class blew up
under pathos/dill serialization of the class.

Why it works (trap): with the standard library's pickle, class objects are
pickled by reference (module + qualified name), never by value, so the ABC
machinery (_abc_impl, abstract method sets) is not serialized at all.  The
classes live at module level of the main script, so spawn/forkserver children
find them after re-importing it as __mp_main__.  Instances of the concrete
subclasses hold only plain attributes and pickle normally on the way back.
"""
from abc import ABC, abstractmethod
from multiprocessing import Pool


class Strategy(ABC):
    def __init__(self, window):
        self.window = window

    @abstractmethod
    def signal(self, prices, i):
        """Return +1 (long), -1 (short) or 0 for bar i."""

    def backtest(self, prices):
        pnl, position = 0.0, 0
        for i in range(self.window, len(prices)):
            pnl += position * (prices[i] - prices[i - 1])
            position = self.signal(prices, i)
        return round(pnl, 4)


class Momentum(Strategy):
    def signal(self, prices, i):
        return 1 if prices[i] > prices[i - self.window] else -1


class MeanReversion(Strategy):
    def signal(self, prices, i):
        avg = sum(prices[i - self.window:i]) / self.window
        return -1 if prices[i] > avg else 1


PRICES = [100 + ((i * 7) % 11) - ((i * 3) % 5) + i * 0.1 for i in range(120)]


def evaluate(strategy_cls, window):
    strategy = strategy_cls(window)
    return strategy_cls.__name__, window, strategy.backtest(PRICES)


if __name__ == "__main__":
    grid = [(cls, w) for cls in (Momentum, MeanReversion) for w in (3, 5, 10)]
    with Pool(processes=2) as pool:
        built = pool.map(Momentum, [3, 5])          # class used as the mapped callable
        results = pool.starmap(evaluate, grid)      # classes passed as arguments
    print("built in workers:", [(type(s).__name__, s.window) for s in built])
    for name, window, pnl in sorted(results, key=lambda r: -r[2]):
        print(f"{name:<14} window={window:<3} pnl={pnl}")
