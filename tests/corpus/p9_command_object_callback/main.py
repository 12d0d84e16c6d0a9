"""A hand-written click-like @command wraps the function; pool.map gets build.callback."""
from multiprocessing import Pool


class Command:
    def __init__(self, callback, name=None):
        self.callback = callback
        self.name = name or callback.__name__

    def __call__(self, *args):
        print(f"running {self.name}")
        return self.callback(*args)


def command(fn):
    return Command(fn)


@command
def build(target):
    return f"built {target}"


if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(build.callback, ["docs", "wheel"]))
