"""The same ETL run context, filled step by step by item assignment, but it keeps the
database's path and each worker connects by itself: everything in the dict pickles."""
import logging
import multiprocessing
import os
import sqlite3
import tempfile


def load_rows(context, rows):
    log = logging.getLogger(context["log_name"])
    db = sqlite3.connect(context["db_path"], timeout=10)
    with db:
        db.executemany("insert into readings values (?, ?)", rows)
    db.close()
    log.info("loaded %d rows", len(rows))


def make_context(workdir):
    context = {}
    context["log_name"] = "etl"
    context["db_path"] = os.path.join(workdir, "etl.db")
    with sqlite3.connect(context["db_path"]) as db:
        db.execute("create table if not exists readings (sensor text, value real)")
    return context


if __name__ == "__main__":
    rows = [("s1", 1.0), ("s2", 2.5), ("s3", 3.0), ("s4", 4.5)]
    with tempfile.TemporaryDirectory() as workdir:
        context = make_context(workdir)
        workers = [
            multiprocessing.Process(target=load_rows, args=(context, rows[i::2]))
            for i in range(2)
        ]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        print("exit codes", [w.exitcode for w in workers])
