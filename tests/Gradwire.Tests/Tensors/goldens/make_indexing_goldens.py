#!/usr/bin/env python3
"""Regenerates indexing_goldens.jsonl: PyTorch float64 values, int64 indices and gradients of Gradwire's indexing
ops (gather, index_select, scatter_add, max/min over an axis, argmax/argmin, sort, topk, one_hot), ties included.

Usage: /usr/bin/python3 make_indexing_goldens.py > indexing_goldens.jsonl      (PyTorch 1.13, Debian's python3-torch)

Each line after the header is one case: the op, its arguments, the input(s) (shape + row-major values), the
upstream gradient, and PyTorch's results. Inputs are seeded; ties are written in on purpose.
"""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)
SEED = 20261201
VERSION = 1
g = torch.Generator().manual_seed(SEED)


def rnd(*shape):
    return (torch.rand(*shape, generator=g) * 4 - 2).round(decimals=3)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def ints(t):
    return [int(v) for v in t.reshape(-1).tolist()]


def leaf(t):
    return t.clone().requires_grad_(True)


out = [{"header": "PyTorch float64 goldens for Gradwire's indexing ops", "generator":
        "tests/Gradwire.Tests/Tensors/goldens/make_indexing_goldens.py", "torch": torch.__version__, "seed": SEED,
        "version": VERSION}]


def case(op, x, args, values, upstream, grads, indices=None, extra=None):
    row = {"op": op, "args": args, "shape": list(x.shape), "x": flat(x), "values_shape": list(values.shape),
           "values": flat(values) if values.dtype.is_floating_point else ints(values),
           "upstream": flat(upstream) if upstream is not None else None,
           "grad": flat(grads[0]) if grads else None}
    if indices is not None:
        row["indices"] = ints(indices)
    if extra:
        row.update(extra)
    out.append(row)


# gather, both axes, repeated indices
for axis, index in [(1, torch.tensor([[1, 1], [3, 0], [2, 2]])), (0, torch.tensor([[2, 0, 1, 2], [0, 0, 2, 1]]))]:
    x = leaf(rnd(3, 4))
    y = torch.gather(x, axis, index)
    up = rnd(*y.shape)
    (gx,) = torch.autograd.grad(y, x, up)
    case("gather", x, {"axis": axis}, y, up, [gx], extra={"index_shape": list(index.shape), "index": ints(index)})

# index_select, both axes, repeats
for axis, index in [(0, torch.tensor([2, 0, 2])), (1, torch.tensor([3, 3, 0, 1]))]:
    x = leaf(rnd(3, 4))
    y = torch.index_select(x, axis, index)
    up = rnd(*y.shape)
    (gx,) = torch.autograd.grad(y, x, up)
    case("index_select", x, {"axis": axis}, y, up, [gx], extra={"index_shape": list(index.shape), "index": ints(index)})

# scatter_add with repeated targets: gradients for the input and for src
x = leaf(rnd(2, 5))
src = leaf(rnd(2, 3))
index = torch.tensor([[0, 0, 4], [1, 3, 1]])
y = x.scatter_add(1, index, src)
up = rnd(*y.shape)
gx, gs = torch.autograd.grad(y, [x, src], up)
case("scatter_add", x, {"axis": 1}, y, up, [gx], extra={"index_shape": [2, 3], "index": ints(index),
                                                          "src_shape": [2, 3], "src": flat(src), "grad_src": flat(gs)})

# max/min over an axis, with ties: the gradient goes to the returned index only
tied = torch.tensor([[1.0, 3.0, 3.0, -1.0], [2.0, 2.0, 0.5, 2.0], [-4.0, -4.0, -4.0, -4.0]])
for op in ["max", "min"]:
    for axis in [0, 1]:
        for keep in [False, True]:
            x = leaf(tied)
            values, indices = (torch.max if op == "max" else torch.min)(x, axis, keepdim=keep)
            up = rnd(*values.shape)
            (gx,) = torch.autograd.grad(values, x, up)
            case(op, x, {"axis": axis, "keepDim": keep}, values, up, [gx], indices=indices)

# argmax/argmin with ties (first occurrence), per axis and flattened
for op in ["argmax", "argmin"]:
    for axis in [None, 0, 1]:
        f = torch.argmax if op == "argmax" else torch.argmin
        r = f(tied) if axis is None else f(tied, axis)
        case(op, tied, {"axis": axis}, r, None, None)

# stable sort with ties, both directions, both axes
st = torch.tensor([[3.0, 1.0, 3.0, 2.0, 1.0], [0.0, -1.0, 0.0, 0.0, 5.0], [2.5, 2.5, 2.5, -2.5, 7.0]])
for axis in [0, 1]:
    for desc in [False, True]:
        x = leaf(st)
        values, indices = torch.sort(x, dim=axis, descending=desc, stable=True)
        up = rnd(*values.shape)
        (gx,) = torch.autograd.grad(values, x, up)
        case("sort", x, {"axis": axis, "descending": desc}, values, up, [gx], indices=indices)

# topk without ties (PyTorch leaves the order of tied elements unspecified), largest and smallest
tk = torch.tensor([[0.3, -1.2, 2.2, 0.9, -0.4], [1.7, 0.2, -2.0, 0.8, 1.1]])
for axis, k in [(1, 3), (0, 1)]:
    for largest in [True, False]:
        x = leaf(tk)
        values, indices = torch.topk(x, k, dim=axis, largest=largest, sorted=True)
        up = rnd(*values.shape)
        (gx,) = torch.autograd.grad(values, x, up)
        case("topk", x, {"axis": axis, "k": k, "largest": largest}, values, up, [gx], indices=indices)

# one_hot: int64 in, int64 out; num_classes given and inferred
labels = torch.tensor([[2, 0], [1, 3]])
for classes in [5, -1]:
    y = torch.nn.functional.one_hot(labels, classes)
    case("one_hot", labels.double(), {"classes": classes}, y, None, None)

for row in out:
    sys.stdout.write(json.dumps(row) + "\n")
