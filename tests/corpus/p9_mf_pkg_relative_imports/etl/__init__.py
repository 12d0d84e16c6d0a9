from .transform import clean

__all__ = ["clean"]
