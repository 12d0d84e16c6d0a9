"""pool.map over a staticmethod of a module-level class."""
from multiprocessing import Pool


class Text:
    @staticmethod
    def slugify(title):
        return "-".join(title.lower().split())


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(Text.slugify, ["Hello World", "Multi Processing"]))
