"""A dataclass job carrying the database *path*; the worker connects itself (fine)."""
import os
import sqlite3
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass


@dataclass
class ReportJob:
    name: str
    db_path: str


def run_report(job):
    with sqlite3.connect(job.db_path) as db:
        return db.execute("select count(*) from t").fetchone()[0]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "r.db")
        with sqlite3.connect(path) as db:
            db.execute("create table t (x)")
            db.execute("insert into t values (1)")
        with ProcessPoolExecutor(max_workers=2) as ex:
            print(ex.submit(run_report, ReportJob("daily", path)).result())
