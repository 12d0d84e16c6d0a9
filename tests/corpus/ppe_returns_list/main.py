"""Worker returns a list (fine twin)."""
from concurrent.futures import ProcessPoolExecutor


def parse_rows(text):
    return [line.split(",") for line in text.splitlines()]


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(parse_rows, "a,1\nb,2").result())
