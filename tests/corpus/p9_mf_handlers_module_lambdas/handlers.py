import json

HANDLERS = {
    "json": lambda text: json.loads(text),
    "csv": lambda text: [line.split(",") for line in text.splitlines()],
}
