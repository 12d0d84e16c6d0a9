from concurrent.futures import ProcessPoolExecutor


def feature(i):
    return i * i


def build_table(values):
    with ProcessPoolExecutor(max_workers=1) as ex:
        return dict(zip(values, ex.map(feature, values)))
