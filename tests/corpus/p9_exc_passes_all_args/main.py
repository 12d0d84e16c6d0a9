"""The custom exception passes all of its arguments to super().__init__."""
from multiprocessing import Pool


class ParseError(Exception):
    def __init__(self, line_no, text):
        super().__init__(line_no, text)
        self.line_no = line_no
        self.text = text

    def __str__(self):
        return f"line {self.line_no}: cannot parse {self.text!r}"


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
            print("bad input:", exc)
