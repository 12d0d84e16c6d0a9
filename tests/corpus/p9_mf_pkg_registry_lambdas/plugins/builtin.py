from . import register

register("upper", lambda s: s.upper())
register("reverse", lambda s: s[::-1])
