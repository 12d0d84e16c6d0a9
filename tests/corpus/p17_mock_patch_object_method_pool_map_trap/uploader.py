"""Uploads report files; the rate limiter makes it slow in tests."""
import time


class RateLimiter:
    def __init__(self, per_second=50):
        self.interval = 1.0 / per_second

    def wait(self):
        time.sleep(self.interval)
        return "slept"


class Uploader:
    def __init__(self, bucket):
        self.bucket = bucket
        self.limiter = RateLimiter()

    def upload(self, name, payload):
        waited = self.limiter.wait()
        return f"{self.bucket}/{name}", len(payload), waited


def upload_one(job):
    bucket, name, payload = job
    return Uploader(bucket).upload(name, payload)
