# A lambda as an argument of a remote function: ray pickles arguments with cloudpickle.
import ray


@ray.remote
def apply(fn, xs):
    return [fn(x) for x in xs]


if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    print(ray.get(apply.remote(lambda v: v * 3, [1, 2, 3])))
    ray.shutdown()
