"""Workers look records up and raise the client's NotFound, whose __init__ takes one argument
but whose base stores the message and a status in args (the shape of
https://github.com/PyFilesystem/pyfilesystem2/issues/183, where a library's error hierarchy
froze ProcessPoolExecutor)."""
from concurrent.futures import ProcessPoolExecutor

from errors import NotFound

RECORDS = {"alice": 1, "bob": 2}


def look_up(name):
    if name not in RECORDS:
        raise NotFound(name)
    return name, RECORDS[name]


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(look_up, name) for name in ["alice", "carol"]]
        for future in futures:
            try:
                print(future.result(timeout=10))
            except NotFound as error:
                print("missing:", error.resource)
