TRANSFORMS = {
    "upper": lambda s: s.upper(),
    "strip": lambda s: s.strip(),
}
