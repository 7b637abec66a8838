# calls.py: a call tree for python_calls.bt (silent: bpftrace -c shares its output)
def leaf(n):
    return n * 2


def middle(n):
    return leaf(n) + leaf(n + 1)


def top():
    return middle(1) + middle(2)


top()
