"""Parsers are looked up in a dict of lambdas defined in handlers.py."""
from concurrent.futures import ProcessPoolExecutor

from handlers import HANDLERS

if __name__ == "__main__":
    docs = ['{"a": 1}', '{"b": 2}']
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(HANDLERS["json"], docs)))
