# dask.compute(..., scheduler="processes") pickles tasks with cloudpickle: lambdas and
# nested functions are sent by value.
import dask


def pipeline(scale):
    def weight(x):
        return x * scale

    return [dask.delayed(lambda v: weight(v) + 1)(i) for i in range(4)]


if __name__ == "__main__":
    print(dask.compute(*pipeline(3), scheduler="processes", num_workers=2))
