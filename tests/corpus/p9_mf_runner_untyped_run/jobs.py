def checksum(path):
    return sum(map(ord, path)) % 1000
