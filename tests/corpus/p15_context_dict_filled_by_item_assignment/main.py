"""An ETL script builds a run context dict step by step (context["db"] = ..., context["log"]
= ...) and hands it to each worker process with its chunk of rows; the sqlite connection
stored under "db" cannot be pickled when the workers are spawned. Under fork the Process
object is not pickled and the run works."""
import logging
import multiprocessing
import os
import sqlite3
import tempfile


def load_rows(context, rows):
    log = logging.getLogger(context["log_name"])
    db = context["db"]
    db.executemany("insert into readings values (?, ?)", rows)
    log.info("loaded %d rows", len(rows))


def make_context(workdir):
    context = {}
    context["log_name"] = "etl"
    context["db"] = sqlite3.connect(os.path.join(workdir, "etl.db"), check_same_thread=False)
    context["db"].execute("create table if not exists readings (sensor text, value real)")
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
        context["db"].close()
