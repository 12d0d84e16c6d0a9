"""The worker builds its result as an instance of a class defined inside it."""
from multiprocessing import Pool


def analyse(text):
    class Result:
        def __init__(self, words, chars):
            self.words = words
            self.chars = chars

        def __repr__(self):
            return f"Result({self.words}, {self.chars})"

    return Result(len(text.split()), len(text))


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(analyse, ["a b c", "hello"]))
