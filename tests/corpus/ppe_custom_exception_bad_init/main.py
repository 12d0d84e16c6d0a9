"""Worker raises an exception whose __init__ takes two args: it cannot be rebuilt in the parent."""
from concurrent.futures import ProcessPoolExecutor


class ValidationError(Exception):
    def __init__(self, field, reason):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def validate(record):
    if "email" not in record:
        raise ValidationError("email", "missing")
    return True


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as ex:
        print(ex.submit(validate, {"name": "ann"}).result())
