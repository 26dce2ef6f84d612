#!/usr/bin/env python3
"""Regenerates loss_goldens.jsonl: every Gradwire loss x every option against PyTorch 1.13 in float64 --
the value and the gradient with respect to the input -- read by tests/Gradwire.Tests/NN/LossOptionGoldenTests.cs.

Usage: /usr/bin/python3 make_loss_goldens.py > loss_goldens.jsonl      (PyTorch 1.13, Debian's python3-torch)

Deterministic: one torch.manual_seed draws every input. Line 1 is a header with the version; then one JSON
object per case: the loss name, its options, the input, target and weight tensors ({"shape", "data"}), the
value and the input gradient. For reduction "none" the gradient is that of sum(upstream * loss) with the
"upstream" tensor given, so per-row scaling is checked too.
"""
import itertools
import json
import sys

import torch
import torch.nn.functional as F

VERSION = 1
SEED = 20261201
D = torch.float64
torch.manual_seed(SEED)


def tensor(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def emit(loss, options, x, target, fn, weight=None, pos_weight=None):
    x = x.detach().clone().requires_grad_(True)
    out = fn(x)
    case = {"loss": loss, "options": options, "input": tensor(x), "target": tensor(target)}
    if weight is not None:
        case["weight"] = tensor(weight)
    if pos_weight is not None:
        case["pos_weight"] = tensor(pos_weight)
    if out.dim() == 0:
        out.backward()
    else:
        upstream = torch.rand(out.shape, dtype=D) + 0.5
        case["upstream"] = tensor(upstream)
        (out * upstream).sum().backward()
    case["value"] = tensor(out)
    case["grad"] = tensor(x.grad)
    print(json.dumps(case))


print(json.dumps({"header": "PyTorch float64 goldens for Gradwire's losses and their options",
                  "generator": "tests/Gradwire.Tests/NN/goldens/make_loss_goldens.py",
                  "torch": torch.__version__, "seed": SEED, "version": VERSION}))

REDUCTIONS = ["mean", "sum", "none"]
N, C = 5, 4
logits = torch.randn(N, C, dtype=D) * 2
labels = torch.tensor([0, 3, 1, 2, 3])
labels_ignored = torch.tensor([0, -100, 1, 2, -100])
labels_ignore_one = torch.tensor([0, 3, 1, 1, 2])  # ignore_index=1 drops rows 2 and 3
class_weight = torch.tensor([1.0, 2.0, 0.5, 1.5], dtype=D)

# Cross-entropy with class indices: reduction x weight x ignore_index x label smoothing.
for reduction, weighted, ignore, smoothing in itertools.product(REDUCTIONS, [False, True], ["none", "default", "one"], [0.0, 0.2]):
    target = {"none": labels, "default": labels_ignored, "one": labels_ignore_one}[ignore]
    ignore_index = 1 if ignore == "one" else -100
    w = class_weight if weighted else None
    emit("cross_entropy", {"reduction": reduction, "ignore_index": ignore_index, "label_smoothing": smoothing},
         logits, target.to(D),
         lambda x: F.cross_entropy(x, target, weight=w, ignore_index=ignore_index, reduction=reduction, label_smoothing=smoothing),
         weight=w)

# K-dimensional cross-entropy and NLL: input [N, C, d], targets [N, d].
kx = torch.randn(3, C, 2, dtype=D)
ky = torch.tensor([[0, 3], [-100, 1], [2, 2]])
for reduction, weighted, smoothing in itertools.product(REDUCTIONS, [False, True], [0.0, 0.1]):
    w = class_weight if weighted else None
    emit("cross_entropy", {"reduction": reduction, "ignore_index": -100, "label_smoothing": smoothing}, kx, ky.to(D),
         lambda x: F.cross_entropy(x, ky, weight=w, reduction=reduction, label_smoothing=smoothing), weight=w)

# Cross-entropy with probability targets (same shape as the input).
probs = torch.softmax(torch.randn(N, C, dtype=D), 1)
for reduction, weighted, smoothing in itertools.product(REDUCTIONS, [False, True], [0.0, 0.3]):
    w = class_weight if weighted else None
    emit("cross_entropy", {"reduction": reduction, "ignore_index": -100, "label_smoothing": smoothing}, logits, probs,
         lambda x: F.cross_entropy(x, probs, weight=w, reduction=reduction, label_smoothing=smoothing), weight=w)

# NLL on log-probabilities.
logp = torch.log_softmax(logits, 1)
for reduction, weighted, ignore in itertools.product(REDUCTIONS, [False, True], ["none", "default", "one"]):
    target = {"none": labels, "default": labels_ignored, "one": labels_ignore_one}[ignore]
    ignore_index = 1 if ignore == "one" else -100
    w = class_weight if weighted else None
    emit("nll", {"reduction": reduction, "ignore_index": ignore_index}, logp, target.to(D),
         lambda x: F.nll_loss(x, target, weight=w, ignore_index=ignore_index, reduction=reduction), weight=w)
for reduction in REDUCTIONS:
    emit("nll", {"reduction": reduction, "ignore_index": -100}, torch.log_softmax(kx, 1), ky.to(D),
         lambda x: F.nll_loss(x, ky, weight=class_weight, reduction=reduction), weight=class_weight)

# BCE with logits: reduction x weight x pos_weight.
bx = torch.randn(N, 3, dtype=D) * 2
bt = torch.tensor([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0], [1, 0, 0]], dtype=D)
bt[0, 1] = 0.3  # a soft target
bw = torch.rand(N, 1, dtype=D) + 0.5
bp = torch.tensor([2.0, 0.5, 3.0], dtype=D)
for reduction, weighted, pos in itertools.product(REDUCTIONS, [False, True], [False, True]):
    w = bw if weighted else None
    p = bp if pos else None
    emit("bce_with_logits", {"reduction": reduction}, bx, bt,
         lambda x: F.binary_cross_entropy_with_logits(x, bt, weight=w, pos_weight=p, reduction=reduction), weight=w, pos_weight=p)

# Regression losses, with differences on both sides of every threshold.
rx = torch.tensor([[0.5, -1.2, 2.0], [0.1, 0.95, -3.0]], dtype=D)
rt = torch.tensor([[0.0, 1.0, 0.5], [-2.0, 3.0, -2.9]], dtype=D)
for reduction in REDUCTIONS:
    emit("mse", {"reduction": reduction}, rx, rt, lambda x: F.mse_loss(x, rt, reduction=reduction))
    emit("l1", {"reduction": reduction}, rx, rt, lambda x: F.l1_loss(x, rt, reduction=reduction))
    for delta in [0.7, 1.0, 2.5]:
        emit("huber", {"reduction": reduction, "delta": delta}, rx, rt, lambda x: F.huber_loss(x, rt, reduction=reduction, delta=delta))
    for beta in [0.0, 0.5, 1.0]:
        emit("smooth_l1", {"reduction": reduction, "beta": beta}, rx, rt, lambda x: F.smooth_l1_loss(x, rt, reduction=reduction, beta=beta))

# KL divergence: input log-probabilities; target probabilities (one exactly 0) or log-probabilities.
kl_in = torch.log_softmax(torch.randn(N, C, dtype=D), 1)
kl_t = torch.softmax(torch.randn(N, C, dtype=D), 1)
kl_t[1] = torch.tensor([0.0, 0.5, 0.25, 0.25], dtype=D)
for reduction, log_target in itertools.product(REDUCTIONS + ["batchmean"], [False, True]):
    t = torch.log(kl_t + 0.05) if log_target else kl_t
    emit("kl_div", {"reduction": reduction, "log_target": log_target}, kl_in, t,
         lambda x: F.kl_div(x, t, reduction=reduction, log_target=log_target))

# The guide's SVM losses: binary hinge and squared hinge on +-1 targets, CS231n's multiclass SVM.
hs = torch.tensor([0.5, -1.2, 2.0, 0.1, 0.95], dtype=D)
hy = torch.tensor([1.0, -1.0, -1.0, 1.0, 1.0], dtype=D)
reducers = {"mean": torch.mean, "sum": torch.sum, "none": lambda v: v}
for reduction in REDUCTIONS:
    r = reducers[reduction]
    emit("hinge", {"reduction": reduction, "margin": 1.0}, hs, hy, lambda x: r(torch.clamp(1 - hy * x, min=0)))
    emit("squared_hinge", {"reduction": reduction, "margin": 0.5}, hs, hy, lambda x: r(torch.clamp(0.5 - hy * x, min=0) ** 2))
    # multi_margin_loss averages over the classes: times C gives CS231n's sum over j != y.
    emit("multiclass_svm", {"reduction": reduction, "margin": 1.0}, logits, labels.to(D),
         lambda x: F.multi_margin_loss(x, labels, margin=1.0, reduction=reduction) * C)
