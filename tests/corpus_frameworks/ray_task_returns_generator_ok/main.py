# The task returns a generator. It looks like a value ray cannot store, but ray iterates a
# generator a task returns, taking its items as the task's return values (num_returns=1:
# the first one), so nothing unpicklable is stored.
import ray


@ray.remote
def tokenize(text):
    return (w for w in text.split())


if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    print(ray.get(tokenize.remote("a b c")))
    ray.shutdown()
