"""The task lives in a package (etl) that uses relative imports and a dict of rule functions."""
from multiprocessing import Pool

import etl
import settings

if __name__ == "__main__":
    rows = [{"name": " Ann ", "email": " ANN@X.ORG"}, {"name": "Bo", "email": "bo@y.org "}]
    with Pool(settings.WORKERS) as pool:
        print(pool.map(etl.clean, rows))
