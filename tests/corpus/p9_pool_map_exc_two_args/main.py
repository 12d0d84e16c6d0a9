"""A Pool.map worker raises an exception whose __init__ needs two arguments."""
from multiprocessing import Pool


class ParseError(Exception):
    def __init__(self, line_no, text):
        super().__init__(f"line {line_no}: cannot parse {text!r}")
        self.line_no = line_no
        self.text = text


def parse(item):
    line_no, text = item
    if not text.isdigit():
        raise ParseError(line_no, text)
    return int(text)


if __name__ == "__main__":
    with Pool(2) as pool:
        try:
            print(pool.map(parse, enumerate(["1", "2", "x3"])))
        except ParseError as exc:
            print("bad input:", exc.line_no)
