"""Pass a compiled regex to a worker (fine)."""
import re
from concurrent.futures import ProcessPoolExecutor

EMAIL = re.compile(r"[\w.]+@[\w.]+")


def extract(text, pattern):
    return pattern.findall(text)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(ex.submit(extract, "mail ann@x.org or bo@y.com", EMAIL).result())
