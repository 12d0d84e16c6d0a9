"""The client's error hierarchy: every error carries an HTTP-like status."""


class ClientError(Exception):
    def __init__(self, message, status=500):
        super().__init__(message, status)
        self.message = message
        self.status = status


class NotFound(ClientError):
    def __init__(self, resource):
        ClientError.__init__(self, f"{resource} not found", 404)
        self.resource = resource
