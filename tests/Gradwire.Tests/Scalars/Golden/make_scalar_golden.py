#!/usr/bin/env python3
"""Regenerates scalar_golden.jsonl: random expressions of `gradwire grad`'s language with their value, gradient and
Hessian computed by PyTorch in float64 (the oracle Gradwire's scalar engine is checked against at 1e-9 relative).

Usage: python3 make_scalar_golden.py > scalar_golden.jsonl      (PyTorch 1.13, Debian's python3-torch)

Deterministic: one seeded random.Random drives every choice. Points too close to a kink (relu, abs, max/min ties),
outside a domain, or with huge values or derivatives are rejected and redrawn.
"""
import json
import math
import random
import sys

import torch

torch.set_default_dtype(torch.float64)
SEED = 20261122
COUNT = 300
VARIABLES = ["x", "y", "z"]

UNARY = ["sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
         "asinh", "acosh", "atanh", "sigmoid", "relu", "abs", "neg"]
BINARY = ["+", "-", "*", "/", "pow", "^var", "^const", "atan2", "max", "min"]
TORCH_UNARY = {
    "sqrt": torch.sqrt, "exp": torch.exp, "log": torch.log, "sin": torch.sin, "cos": torch.cos, "tan": torch.tan,
    "asin": torch.asin, "acos": torch.acos, "atan": torch.atan, "sinh": torch.sinh, "cosh": torch.cosh,
    "tanh": torch.tanh, "asinh": torch.asinh, "acosh": torch.acosh, "atanh": torch.atanh,
    "sigmoid": torch.sigmoid, "relu": torch.relu, "abs": torch.abs, "neg": torch.neg,
}


class Reject(Exception):
    pass


def number(value):
    text = repr(value)
    return f"({text})" if value < 0 else text


def build(rng, depth):
    """Returns (text, evaluate) where evaluate(env, checks) builds the torch value."""
    if depth == 0 or rng.random() < 0.15:
        if rng.random() < 0.75:
            name = rng.choice(VARIABLES)
            return name, lambda env, checks: env[name]
        value = round(rng.uniform(-3, 3), 2)
        return number(value), lambda env, checks: torch.tensor(value)
    if rng.random() < 0.5:
        op = rng.choice(UNARY)
        text_a, a = build(rng, depth - 1)
        text = f"-({text_a})" if op == "neg" else f"{op}({text_a})"

        def unary(env, checks, op=op, a=a):
            va = a(env, checks)
            if op in ("relu", "abs"):
                checks.append(abs(va.item()))
            return TORCH_UNARY[op](va)
        return text, unary
    op = rng.choice(BINARY)
    text_a, a = build(rng, depth - 1)
    if op == "^const":
        exponent = rng.choice([2, 3, -1, 0.5, 1.5, -2, 4])
        return f"({text_a})^{number(exponent)}", lambda env, checks: a(env, checks) ** float(exponent)
    text_b, b = build(rng, depth - 1)
    if op in ("+", "-", "*", "/"):
        fn = {"+": torch.add, "-": torch.sub, "*": torch.mul, "/": torch.div}[op]
        return f"({text_a}) {op} ({text_b})", lambda env, checks: fn(a(env, checks), b(env, checks))
    if op in ("pow", "^var"):
        text = f"pow({text_a}, {text_b})" if op == "pow" else f"({text_a})^({text_b})"
        return text, lambda env, checks: torch.pow(a(env, checks), b(env, checks))
    if op == "atan2":
        return f"atan2({text_a}, {text_b})", lambda env, checks: torch.atan2(a(env, checks), b(env, checks))

    def extremum(env, checks, op=op):
        va, vb = a(env, checks), b(env, checks)
        checks.append(abs(va.item() - vb.item()))
        return (torch.maximum if op == "max" else torch.minimum)(va, vb)
    return f"{op}({text_a}, {text_b})", extremum


def variables_in_order(text):
    order = []
    token = ""
    for c in text + " ":
        if c.isalnum() or c == "_":
            token += c
            continue
        if token in VARIABLES and token not in order:
            order.append(token)
        token = ""
    return order


def finite(t):
    return bool(torch.isfinite(t).all())


def evaluate(text, fn, point):
    names = variables_in_order(text)
    env = {name: torch.tensor(point[name], requires_grad=True) for name in VARIABLES}
    checks = []
    out = fn(env, checks)
    if any(c < 1e-2 for c in checks):
        raise Reject("near a kink")
    if not out.requires_grad or not finite(out) or abs(out.item()) > 1e6:
        raise Reject("value")
    inputs = [env[n] for n in names]
    grads = torch.autograd.grad(out, inputs, create_graph=True, allow_unused=True)
    grads = [g if g is not None else torch.tensor(0.0) for g in grads]
    hessian = []
    for g in grads:
        if g.requires_grad:
            row = torch.autograd.grad(g, inputs, retain_graph=True, allow_unused=True)
            row = [r if r is not None else torch.tensor(0.0) for r in row]
        else:
            row = [torch.tensor(0.0) for _ in inputs]
        hessian.append(row)
    values = [out] + grads + [h for row in hessian for h in row]
    if not all(finite(v) for v in values) or any(abs(v.item()) > 1e6 for v in values):
        raise Reject("derivatives")
    return {
        "expression": text,
        "at": {n: point[n] for n in names},
        "value": out.item(),
        "grad": {n: g.item() for n, g in zip(names, grads)},
        "hessian": {n: {m: hessian[i][j].item() for j, m in enumerate(names)} for i, n in enumerate(names)},
    }


def main():
    rng = random.Random(SEED)
    print(json.dumps({"header": "PyTorch float64 golden values for Gradwire's scalar engine",
                      "generator": "tests/Gradwire.Tests/Scalars/Golden/make_scalar_golden.py",
                      "torch": torch.__version__, "seed": SEED, "count": COUNT, "version": 1}))
    written = 0
    while written < COUNT:
        text, fn = build(rng, rng.randint(2, 5))
        if not variables_in_order(text):
            continue
        for _ in range(20):
            point = {name: round(rng.uniform(-2, 2), 3) for name in VARIABLES}
            try:
                record = evaluate(text, fn, point)
            except Reject:
                continue
            print(json.dumps(record))
            written += 1
            break


if __name__ == "__main__":
    main()
