"""The worker returns filter() with a predicate defined inside it."""
from concurrent.futures import ProcessPoolExecutor


def valid_emails(rows):
    def ok(row):
        return "@" in row

    return filter(ok, rows)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(list(ex.submit(valid_emails, ["a@x", "nope", "b@y"]).result()))
