from errors import ValidationError


def validate(record):
    if record.get("age", 0) < 0:
        raise ValidationError("age", record["age"])
    return record["name"]
