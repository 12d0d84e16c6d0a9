# dask.config.set(scheduler="processes") around an otherwise fine graph whose task returns a
# generator: results are pickled back to the scheduler too.
import dask


@dask.delayed
def read_lines(text):
    return (line.upper() for line in text.splitlines())


@dask.delayed
def count(lines):
    return sum(1 for _ in lines)


if __name__ == "__main__":
    with dask.config.set(scheduler="processes", num_workers=2):
        print(count(read_lines("a\nb\nc")).compute())
