def make_scaler(factor):
    def scale(v):
        return v * factor

    return scale
