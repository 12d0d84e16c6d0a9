def strip(value):
    return value.strip()


def lower(value):
    return value.lower()


RULES = {"name": [strip], "email": [strip, lower]}
