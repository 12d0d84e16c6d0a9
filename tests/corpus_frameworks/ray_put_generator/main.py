# Shape of https://github.com/ray-project/ray/issues/9712 ("cannot pickle 'generator'
# object"): a generator put in the object store.
import ray

if __name__ == "__main__":
    ray.init(num_cpus=1, include_dashboard=False)
    generator = (i for i in range(100))
    ref = ray.put(generator)
    print(sum(ray.get(ref)))
    ray.shutdown()
