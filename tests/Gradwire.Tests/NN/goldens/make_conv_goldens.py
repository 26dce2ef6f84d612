#!/usr/bin/python3
"""PyTorch float64 goldens for Gradwire's convolution, pooling, padding and im2col ops.

Each line after the header is one case: the op, its arguments, the inputs, an upstream gradient `up`, the
output, and the gradient of sum(output * up) with respect to every differentiable input (max-pool cases also
carry the int64 indices). Regenerate with Debian's python3-torch:

    /usr/bin/python3 tests/Gradwire.Tests/NN/goldens/make_conv_goldens.py > tests/Gradwire.Tests/NN/goldens/conv_goldens.jsonl
"""
import json
import torch
import torch.nn.functional as F

SEED = 20261202
VERSION = 1
torch.manual_seed(SEED)


def t(x):
    return {"shape": list(x.shape), "data": x.detach().reshape(-1).tolist()}


def rnd(*shape):
    return torch.randn(*shape, dtype=torch.float64)


def case(op, args, inputs, fn, extra=None):
    leaves = {k: v.clone().requires_grad_(v.dtype == torch.float64) for k, v in inputs.items()}
    out = fn(**leaves)
    indices = None
    if isinstance(out, tuple):
        out, indices = out
    up = rnd(*out.shape)
    (out * up).sum().backward()
    row = {"op": op, "args": args, "inputs": {k: t(v) for k, v in inputs.items()}, "up": t(up), "output": t(out),
           "grads": {k: t(v.grad) for k, v in leaves.items() if v.grad is not None}}
    if indices is not None:
        row["indices"] = t(indices.to(torch.float64))
    print(json.dumps(row))


print(json.dumps({"header": "PyTorch float64 goldens for Gradwire's conv, pool, pad, unfold and fold ops",
                  "generator": "tests/Gradwire.Tests/NN/goldens/make_conv_goldens.py", "torch": torch.__version__,
                  "seed": SEED, "version": VERSION}))

# conv2d: (N, C, H, W, O, kh, kw, stride, padding, dilation, groups, bias)
conv2d = [
    (2, 3, 7, 6, 4, 3, 3, 1, 1, 1, 1, True),
    (1, 2, 5, 5, 3, 1, 1, 1, 0, 1, 1, True),        # 1x1
    (2, 2, 3, 3, 2, 5, 5, 1, 2, 1, 1, True),        # kernel larger than input, padded
    (1, 2, 9, 8, 2, 2, 2, 3, 0, 1, 1, False),       # stride > kernel
    (2, 4, 7, 9, 4, 3, 3, 2, 1, 1, 4, True),        # groups = channels (depthwise)
    (1, 4, 8, 7, 6, 3, 2, 1, (1, 0), 2, 2, True),   # dilation, groups 2, rectangular kernel
    (3, 1, 11, 11, 2, 5, 5, 1, 2, 1, 1, True),      # the recipe's first layer shape, odd size
    (1, 3, 6, 5, 2, 4, 3, 1, "same", 1, 1, True),   # same with an even kernel (asymmetric)
    (1, 2, 6, 7, 3, 3, 3, 1, "same", 2, 1, True),   # same with dilation
    (2, 2, 6, 6, 2, 3, 3, 1, "valid", 1, 1, False),
]
for (n, c, h, w, o, kh, kw, s, p, d, g, b) in conv2d:
    inputs = {"x": rnd(n, c, h, w), "w": rnd(o, c // g, kh, kw)}
    if b:
        inputs["b"] = rnd(o)
    args = {"stride": s, "padding": p, "dilation": d, "groups": g}
    case("conv2d", args, inputs, lambda x, w, b=None: F.conv2d(x, w, b, stride=s, padding=p, dilation=d, groups=g))

# conv1d
for (n, c, l, o, k, s, p, d, g) in [(2, 3, 10, 4, 3, 1, 1, 1, 1), (1, 4, 9, 4, 2, 2, 0, 2, 2), (1, 2, 8, 2, 4, 1, "same", 1, 1)]:
    inputs = {"x": rnd(n, c, l), "w": rnd(o, c // g, k), "b": rnd(o)}
    args = {"stride": s, "padding": p, "dilation": d, "groups": g}
    case("conv1d", args, inputs, lambda x, w, b: F.conv1d(x, w, b, stride=s, padding=p, dilation=d, groups=g))

# conv_transpose2d: (N, Cin, H, W, Cout, k, stride, padding, output_padding, groups, dilation)
for (n, c, h, w, o, k, s, p, op, g, d) in [(2, 3, 4, 5, 2, 3, 2, 1, 1, 1, 1), (1, 4, 3, 3, 6, 2, 1, 0, 0, 2, 1),
                                          (1, 2, 4, 3, 2, 3, 3, 1, 2, 1, 2), (2, 2, 5, 5, 3, 1, 1, 0, 0, 1, 1)]:
    inputs = {"x": rnd(n, c, h, w), "w": rnd(c, o // g, k, k), "b": rnd(o)}
    args = {"stride": s, "padding": p, "output_padding": op, "groups": g, "dilation": d}
    case("conv_transpose2d", args, inputs,
         lambda x, w, b: F.conv_transpose2d(x, w, b, stride=s, padding=p, output_padding=op, groups=g, dilation=d))

# max_pool2d with indices: (N, C, H, W, k, stride, padding, dilation, ceil_mode)
for (n, c, h, w, k, s, p, d, cm) in [(2, 3, 8, 8, 2, 2, 0, 1, False), (1, 2, 7, 9, 3, 2, 1, 1, True),
                                     (1, 2, 9, 9, 3, 1, 1, 2, False), (2, 1, 5, 7, 2, 3, 0, 1, True)]:
    inputs = {"x": rnd(n, c, h, w)}
    args = {"kernel_size": k, "stride": s, "padding": p, "dilation": d, "ceil_mode": cm}
    case("max_pool2d", args, inputs,
         lambda x: F.max_pool2d(x, k, s, p, d, ceil_mode=cm, return_indices=True))

for (n, c, l, k, s, p, d, cm) in [(2, 3, 11, 3, 2, 1, 1, True), (1, 2, 8, 2, 2, 0, 1, False)]:
    inputs = {"x": rnd(n, c, l)}
    args = {"kernel_size": k, "stride": s, "padding": p, "dilation": d, "ceil_mode": cm}
    case("max_pool1d", args, inputs,
         lambda x: F.max_pool1d(x, k, s, p, d, ceil_mode=cm, return_indices=True))

# avg_pool2d: (N, C, H, W, k, stride, padding, ceil_mode, count_include_pad, divisor_override)
for (n, c, h, w, k, s, p, cm, cip, dv) in [(2, 2, 6, 6, 2, 2, 0, False, True, None), (1, 2, 7, 8, 3, 2, 1, True, True, None),
                                           (1, 2, 7, 8, 3, 2, 1, True, False, None), (1, 1, 5, 5, 3, 1, 1, False, False, None),
                                           (1, 1, 6, 5, 2, 2, 1, False, True, 3)]:
    inputs = {"x": rnd(n, c, h, w)}
    args = {"kernel_size": k, "stride": s, "padding": p, "ceil_mode": cm, "count_include_pad": cip, "divisor_override": dv}
    case("avg_pool2d", args, inputs, lambda x: F.avg_pool2d(x, k, s, p, cm, cip, dv))

for (n, c, h, w, oh, ow) in [(2, 3, 7, 5, 3, 2), (1, 2, 6, 6, 1, 1), (1, 1, 5, 4, 5, 4), (1, 2, 4, 6, 3, 4)]:
    inputs = {"x": rnd(n, c, h, w)}
    case("adaptive_avg_pool2d", {"output_size": [oh, ow]}, inputs, lambda x: F.adaptive_avg_pool2d(x, (oh, ow)))

# pad: (shape, pad, mode, value)
for (shape, pad, mode, value) in [((2, 3, 4, 5), [1, 2, 0, 3], "constant", 0.5), ((1, 2, 4, 5), [2, 1, 3, 1], "reflect", 0.0),
                                  ((1, 2, 4, 5), [2, 3, 1, 0], "replicate", 0.0), ((1, 2, 4, 5), [4, 2, 1, 3], "circular", 0.0),
                                  ((2, 3, 6), [-1, 2], "constant", 0.0), ((2, 3, 6), [3, 1], "reflect", 0.0)]:
    inputs = {"x": rnd(*shape)}
    args = {"pad": pad, "mode": mode, "value": value}
    if mode == "constant":
        case("pad", args, inputs, lambda x: F.pad(x, pad, mode, value))
    else:
        case("pad", args, inputs, lambda x: F.pad(x, pad, mode))

# unfold / fold: (N, C, H, W, k, dilation, padding, stride)
for (n, c, h, w, k, d, p, s) in [(2, 3, 6, 5, (2, 3), 1, 1, 1), (1, 2, 7, 7, (3, 3), 2, 2, 2), (1, 1, 4, 4, (5, 5), 1, 2, 3)]:
    inputs = {"x": rnd(n, c, h, w)}
    args = {"kernel_size": list(k), "dilation": d, "padding": p, "stride": s}
    case("unfold", args, inputs, lambda x: F.unfold(x, k, d, p, s))
    cols = F.unfold(torch.zeros(n, c, h, w, dtype=torch.float64), k, d, p, s)
    fargs = dict(args, output_size=[h, w])
    case("fold", fargs, {"x": rnd(*cols.shape)}, lambda x: F.fold(x, (h, w), k, d, p, s))
