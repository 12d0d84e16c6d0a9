# Instances of a class defined inside a function, sent to and returned from a task:
# cloudpickle sends the class by value both ways.
import ray


def make_point_class():
    class Point:
        def __init__(self, x, y):
            self.x, self.y = x, y

    return Point


@ray.remote
def shift(p):
    return type(p)(p.x + 1, p.y + 1)


if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    Point = make_point_class()
    q = ray.get(shift.remote(Point(1, 2)))
    print(q.x, q.y)
    ray.shutdown()
