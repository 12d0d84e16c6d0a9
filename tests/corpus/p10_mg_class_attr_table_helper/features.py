from concurrent.futures import ProcessPoolExecutor


def feature(i):
    return i * i


def build_table(values):
    with ProcessPoolExecutor(max_workers=2) as ex:
        return dict(zip(values, ex.map(feature, values)))
