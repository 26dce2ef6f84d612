# Regenerates op_goldens.jsonl: PyTorch float64 values, gradients and second-order products for the tensor
# ops added with the rule table (log1p, expm1, erf, erfc, silu, softplus, gelu, prod, norm, flip, tril, triu,
# einsum). Run with Debian's PyTorch 1.13 (apt-get install -y python3-torch):
#   /usr/bin/python3 make_op_goldens.py > op_goldens.jsonl
# Each line after the header: the op and its arguments, the inputs, a weight w of the output's shape, the
# output, grads = d(sum(w * out))/d input, and (where PyTorch defines it) grad2 = d(sum_i grads_i . v_i)/d input.
import json
import torch

D = torch.float64
VERSION = 1
gen = torch.Generator().manual_seed(20261201)


def rand(*shape, low=-2.0, high=2.0):
    return (torch.rand(tuple(shape), generator=gen, dtype=D) * (high - low) + low)


def flat(t):
    t = t.detach()
    try:
        return [float(v) for v in t.reshape(-1).tolist()]
    except (RuntimeError, NotImplementedError):
        # PyTorch's symbolic zero gradient (no storage), e.g. the second derivative of |x|
        return [0.0] * t.numel()


def case(name, op, args, fn, inputs, second=True):
    xs = [x.clone().detach().requires_grad_(True) for x in inputs]
    out = fn(*xs)
    w = rand(*out.shape, low=0.5, high=1.5)
    s = (out * w).sum()
    grads = torch.autograd.grad(s, xs, create_graph=second, allow_unused=True)
    grads = [g if g is not None else torch.zeros_like(x) for g, x in zip(grads, xs)]
    row = {
        "name": name, "op": op, "args": args,
        "inputs": [{"shape": list(x.shape), "data": flat(x)} for x in xs],
        "w": flat(w),
        "out": {"shape": list(out.shape), "data": flat(out)},
        "grads": [flat(g) for g in grads],
        "grad2": None, "v": None,
    }
    if second:
        v = [rand(*x.shape, low=-1.0, high=1.0) for x in xs]
        total = sum((g * vi).sum() for g, vi in zip(grads, v))
        if total.requires_grad:
            g2 = torch.autograd.grad(total, xs, allow_unused=True)
            row["grad2"] = [flat(g if g is not None else torch.zeros_like(x)) for g, x in zip(g2, xs)]
        else:
            row["grad2"] = [[0.0] * x.numel() for x in xs]
        row["v"] = [flat(vi) for vi in v]
    print(json.dumps(row))


print(json.dumps({"header": "PyTorch float64 goldens for Gradwire's tensor ops", "generator":
                  "tests/Gradwire.Tests/Autograd/goldens/make_op_goldens.py", "torch": torch.__version__,
                  "version": VERSION}))

edge = torch.tensor([1e-300, -1e-17, 1e-10, -0.5, 0.3, 2.0, -0.999, 7.5, 0.0], dtype=D)
case("log1p", "log1p", {}, torch.log1p, [edge])
case("log1p_random", "log1p", {}, torch.log1p, [rand(3, 4, low=-0.9, high=3)])
case("expm1", "expm1", {}, torch.expm1, [torch.tensor([1e-300, -1e-17, 1e-10, -0.5, 0.3, 2.0, -30.0, 20.0, 0.0], dtype=D)])
erf_points = torch.tensor([0.0, 1e-30, -1e-9, 0.2, -0.5, 0.84, 0.85, -1.0, 1.3, -2.0, 2.9, 3.5, -5.0, 6.5, 27.0], dtype=D)
case("erf", "erf", {}, torch.erf, [erf_points])
case("erfc", "erfc", {}, torch.erfc, [erf_points])
case("erf_random", "erf", {}, torch.erf, [rand(4, 5, low=-4, high=4)])
case("erfinv", "erfinv", {}, torch.erfinv,
     [torch.tensor([0.0, 1e-300, -1e-9, 0.1, -0.5, 0.7, -0.9, 0.95, 0.99, -0.999], dtype=D)])
act = torch.cat([rand(12, low=-6, high=6), torch.tensor([0.0, -40.0, 40.0], dtype=D)])
case("silu", "silu", {}, torch.nn.functional.silu, [act])
case("softplus", "softplus", {"beta": 1.0, "threshold": 20.0}, torch.nn.functional.softplus, [act])
case("softplus_beta", "softplus", {"beta": 2.0, "threshold": 5.0},
     lambda x: torch.nn.functional.softplus(x, beta=2.0, threshold=5.0),
     [torch.tensor([-3.0, -0.5, 0.0, 1.0, 2.4, 2.6, 4.0], dtype=D)])
case("gelu", "gelu", {"approximate": "none"}, torch.nn.functional.gelu, [act])
case("gelu_tanh", "gelu", {"approximate": "tanh"}, lambda x: torch.nn.functional.gelu(x, approximate="tanh"), [act])

case("prod_all", "prod", {}, torch.prod, [rand(2, 3, low=0.5, high=1.5)])
case("prod_all_one_zero", "prod", {}, torch.prod, [torch.tensor([[1.5, 0.0, -2.0], [0.7, 1.1, 3.0]], dtype=D)])
# No second order here: with two or more zeros PyTorch's full-reduction prod backward returns a constant 0,
# so its double backward is 0, while the true Hessian entry between the two zeros is the product of the
# others (Gradwire computes that one; the finite-difference check covers it).
case("prod_all_two_zeros", "prod", {}, torch.prod, [torch.tensor([[1.5, 0.0, -2.0], [0.7, 0.0, 3.0]], dtype=D)], second=False)
prod_rows = torch.tensor([[1.5, 0.0, -2.0, 0.5], [0.7, 1.1, 3.0, -0.4], [0.0, 2.0, 0.0, 1.0]], dtype=D)
case("prod_axis1", "prod", {"axis": 1, "keepDim": False}, lambda x: torch.prod(x, 1), [prod_rows])
case("prod_axis0_keepdim", "prod", {"axis": 0, "keepDim": True}, lambda x: torch.prod(x, 0, keepdim=True), [prod_rows])

case("norm2_all", "norm", {"p": 2.0}, lambda x: torch.norm(x), [rand(3, 4)])
case("norm2_axis", "norm", {"p": 2.0, "axis": 1, "keepDim": True}, lambda x: torch.norm(x, 2, dim=1, keepdim=True), [rand(3, 4)])
case("norm2_zero_row", "norm", {"p": 2.0, "axis": -1, "keepDim": False}, lambda x: torch.norm(x, 2, dim=-1),
     [torch.tensor([[0.0, 0.0, 0.0], [1.0, -2.0, 2.0]], dtype=D)], second=False)
case("norm1", "norm", {"p": 1.0, "axis": 0, "keepDim": False}, lambda x: torch.norm(x, 1, dim=0), [rand(3, 4)])
case("norm_inf", "norm", {"p": "inf"}, lambda x: torch.norm(x, float("inf")), [rand(3, 4)])
case("norm_inf_axis", "norm", {"p": "inf", "axis": 1, "keepDim": False}, lambda x: torch.norm(x, float("inf"), dim=1), [rand(3, 4)])

case("flip", "flip", {"axes": [0, 2]}, lambda x: torch.flip(x, [0, 2]), [rand(2, 3, 4)])
case("tril", "tril", {"diagonal": 0}, torch.tril, [rand(2, 3, 4)])
case("tril_minus1", "tril", {"diagonal": -1}, lambda x: torch.tril(x, -1), [rand(4, 3)])
case("triu_plus1", "triu", {"diagonal": 1}, lambda x: torch.triu(x, 1), [rand(2, 3, 4)])

def es(name, eq, *shapes):
    case(name, "einsum", {"equation": eq}, lambda *xs: torch.einsum(eq, *xs), [rand(*s) for s in shapes])

es("einsum_bmm", "bij,bjk->bik", (2, 3, 4), (2, 4, 5))
es("einsum_attention_scores", "bhqd,bhkd->bhqk", (2, 2, 3, 4), (2, 2, 5, 4))
es("einsum_attention_values", "bhqk,bhkd->bhqd", (2, 2, 3, 5), (2, 2, 5, 4))
es("einsum_transpose", "ij->ji", (3, 4))
es("einsum_diagonal", "ii->i", (4, 4))
es("einsum_trace", "ii->", (4, 4))
es("einsum_dot", "i,i->", (5,), (5,))
es("einsum_outer", "i,j->ij", (3,), (4,))
es("einsum_matvec", "ij,j->i", (3, 4), (4,))
es("einsum_sum_axis", "bij->j", (2, 3, 4))
es("einsum_implicit", "ij,jk", (3, 4), (4, 2))
es("einsum_heads", "bqhd,bkhd->bhqk", (2, 3, 2, 4), (2, 5, 2, 4))
es("einsum_three", "ij,jk,kl->il", (2, 3), (3, 4), (4, 2))
