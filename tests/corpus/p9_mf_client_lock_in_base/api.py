from base import Client


class GitHub(Client):
    def __init__(self, token):
        super().__init__("https://api.github.com")
        self.token = token

    def repo_url(self, name):
        self._count()
        return f"{self.base_url}/repos/{name}"
