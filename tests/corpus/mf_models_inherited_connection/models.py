from base import Repository


class UserRepo(Repository):
    def __init__(self, table):
        super().__init__()
        self.table = table
