"""Project health checks collected by the runner (functions named check_*)."""
import json


class CheckFailure(Exception):
    pass


def _load_config(text):
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise CheckFailure("config is not valid JSON") from err


def check_config_parses():
    _load_config('{"name": "svc", "port": 8080,}')


def check_port_range():
    cfg = _load_config('{"name": "svc", "port": 80}')
    assert 1024 <= cfg["port"] <= 65535, f"port {cfg['port']} is privileged"


def check_name_present():
    cfg = _load_config('{"name": "svc", "port": 8080}')
    assert cfg["name"]


def check_replicas_key():
    cfg = _load_config('{"name": "svc"}')
    return cfg["replicas"] > 0
