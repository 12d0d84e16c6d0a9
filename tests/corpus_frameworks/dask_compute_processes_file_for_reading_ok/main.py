# A file opened for reading as a task input on the processes scheduler: cloudpickle sends
# such files by their contents.
import dask


@dask.delayed
def header(f):
    return f.readline().strip()


if __name__ == "__main__":
    with open(__file__) as f:
        print(header(f).compute(scheduler="processes", num_workers=1))
