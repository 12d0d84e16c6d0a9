from .rules import RULES


def clean(row):
    out = {}
    for key, value in row.items():
        for rule in RULES.get(key, []):
            value = rule(value)
        out[key] = value
    return out
