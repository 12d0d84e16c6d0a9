"""A power-profiler API reads samples in a background ``multiprocessing.Process`` subclass (the
fetcher), which keeps on self the device descriptor, a ctypes Structure whose serial number is a
``c_char_p``. Under spawn (and forkserver) ``Process.start()`` pickles the fetcher and ctypes
refuses it: "ctypes objects containing pointers cannot be pickled". Under fork the process object
is not pickled and the measurement works (the shape of
https://github.com/IRNAS/ppk2-api-python/issues/18)."""
import ctypes
import multiprocessing
import random
import struct


class DeviceInfo(ctypes.Structure):
    _fields_ = [
        ("vendor_id", ctypes.c_uint16),
        ("product_id", ctypes.c_uint16),
        ("serial", ctypes.c_char_p),
        ("sample_rate", ctypes.c_uint32),
    ]


def read_raw_samples(count, seed):
    """Stand-in for the serial port: `count` little-endian uint16 current readings."""
    rng = random.Random(seed)
    return struct.pack(f"<{count}H", *(rng.randint(100, 4000) for _ in range(count)))


class Fetcher(multiprocessing.Process):
    def __init__(self, info, results, count):
        super().__init__(daemon=True)
        self.info = info
        self.results = results
        self.count = count

    def run(self):
        raw = read_raw_samples(self.count, seed=self.info.product_id)
        values = struct.unpack(f"<{self.count}H", raw)
        microamps = [v * 1e6 / self.info.sample_rate for v in values]
        self.results.put(
            (self.info.serial.decode(), sum(microamps) / len(microamps), max(microamps))
        )


class PowerProfiler:
    def __init__(self, serial, sample_rate=100_000):
        self._serial = serial.encode()  # keep the buffer alive for c_char_p
        self.info = DeviceInfo(0x1915, 0xC00A, self._serial, sample_rate)
        self.results = multiprocessing.Queue()
        self._fetcher = None

    def start_measuring(self, count=2000):
        self._fetcher = Fetcher(self.info, self.results, count)
        self._fetcher.start()

    def stop_measuring(self, timeout=10):
        reading = self.results.get(timeout=timeout)
        self._fetcher.join(timeout)
        return reading


if __name__ == "__main__":
    profiler = PowerProfiler("C4F1A2B3")
    profiler.start_measuring()
    serial, mean, peak = profiler.stop_measuring()
    print(f"device {serial}: mean {mean:.1f} uA, peak {peak:.1f} uA")
