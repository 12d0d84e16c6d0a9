"""A tiny venom-style IR: functions made of basic blocks linked into a CFG."""


class BasicBlock:
    def __init__(self, label):
        self.label = label
        self.instructions = []
        self.cfg_in = set()
        self.cfg_out = set()

    def __hash__(self):
        return hash(self.label)

    def __eq__(self, other):
        return isinstance(other, BasicBlock) and other.label == self.label

    def append(self, opcode, *operands):
        self.instructions.append((opcode, operands))


class IRFunction:
    def __init__(self, name):
        self.name = name
        self.blocks = {}

    def block(self, label):
        if label not in self.blocks:
            self.blocks[label] = BasicBlock(label)
        return self.blocks[label]

    def link(self, src, dst):
        a, b = self.block(src), self.block(dst)
        a.cfg_out.add(b)
        b.cfg_in.add(a)


def build_loop_function():
    fn = IRFunction("sum_to_n")
    entry = fn.block("entry")
    entry.append("param", "n")
    entry.append("store", "acc", 0)
    loop = fn.block("loop")
    loop.append("add", "acc", "n")
    loop.append("sub", "n", 1)
    loop.append("jnz", "n", "loop", "exit")
    fn.block("exit").append("ret", "acc")
    fn.link("entry", "loop")
    fn.link("loop", "loop")
    fn.link("loop", "exit")
    return fn
