from concurrent.futures import ProcessPoolExecutor


def clean(row):
    return {k: v.strip() for k, v in row.items()}


def run(rows):
    with ProcessPoolExecutor(max_workers=1) as ex:
        return list(ex.map(clean, rows))
