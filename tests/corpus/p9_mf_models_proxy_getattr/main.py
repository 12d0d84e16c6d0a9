"""models.LazyRecord exposes fields through __getattr__ reading self._row; records go to a PPE."""
from concurrent.futures import ProcessPoolExecutor

from models import LazyRecord, Row


def label(rec):
    return f"{rec.name} <{rec.email}>"


if __name__ == "__main__":
    recs = [LazyRecord(Row(name="ann", email="a@x")), LazyRecord(Row(name="bo", email="b@y"))]
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(list(ex.map(label, recs)))
