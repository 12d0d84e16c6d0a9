# A file opened for reading as a task argument: cloudpickle sends its contents.
import ray


@ray.remote
def count_lines(f):
    return sum(1 for _ in f)


if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    with open(__file__) as f:
        print(ray.get(count_lines.remote(f)))
    ray.shutdown()
