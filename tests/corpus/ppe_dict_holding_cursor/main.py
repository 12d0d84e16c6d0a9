"""A context dict holding a sqlite3 cursor sent to a worker."""
import sqlite3
from concurrent.futures import ProcessPoolExecutor


def summarise(ctx):
    return ctx["table"]


if __name__ == "__main__":
    conn = sqlite3.connect(":memory:")
    ctx = {"table": "users", "cursor": conn.cursor()}
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(summarise, ctx).result())
