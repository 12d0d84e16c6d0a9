"""Normalise a batch of sensor readings in parallel.

Expected: MP001 (error) — a lambda is sent to Pool.map.
"""

from multiprocessing import Pool

READINGS = [12.5, 13.1, 11.8, 15.2, 14.0, 12.9]


def main():
    low, high = min(READINGS), max(READINGS)
    with Pool(processes=4) as pool:
        scaled = pool.map(lambda r: (r - low) / (high - low), READINGS)
    print(scaled)


if __name__ == "__main__":
    main()
