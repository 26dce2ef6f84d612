# Regenerates batchnorm_goldens.json beside this script: BatchNorm1d/2d outputs, gradients and running statistics
# over a few training steps and an evaluation step, read by tests/Gradwire.Tests/NN/BatchNormGoldenTests.cs.
# Run with Debian's PyTorch 1.13 (apt-get install -y python3-torch): /usr/bin/python3 make_batchnorm_goldens.py
import json, os
import torch
D = torch.float64

def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]

def case(name, module, shape, steps, seed, weight=None, bias=None):
    g = torch.Generator().manual_seed(seed)
    m = module.to(D)
    if weight is not None:
        with torch.no_grad():
            m.weight.copy_(torch.tensor(weight, dtype=D)); m.bias.copy_(torch.tensor(bias, dtype=D))
    out = {"name": name, "module": type(m).__name__, "num_features": m.num_features, "eps": m.eps,
           "momentum": m.momentum, "affine": m.affine, "track_running_stats": m.track_running_stats,
           "weight": flat(m.weight) if m.affine else None, "bias": flat(m.bias) if m.affine else None,
           "shape": list(shape), "steps": []}
    for train in steps:
        m.train(train)
        # A per-channel offset and scale, so that the statistics differ between channels.
        x = (torch.randn(shape, generator=g, dtype=D) * 2 + 3).requires_grad_()
        up = torch.randn(shape, generator=g, dtype=D)
        if m.affine:
            m.weight.grad = None; m.bias.grad = None
        y = m(x)
        (y * up).sum().backward()
        out["steps"].append({"train": train, "x": flat(x), "g": flat(up), "y": flat(y), "dx": flat(x.grad),
                             "dw": flat(m.weight.grad) if m.affine else None, "db": flat(m.bias.grad) if m.affine else None})
    if m.track_running_stats:
        out["running_mean"] = flat(m.running_mean); out["running_var"] = flat(m.running_var)
        out["num_batches_tracked"] = int(m.num_batches_tracked)
    return out

nn = torch.nn
cases = [
    case("bn1d_nc", nn.BatchNorm1d(3), (5, 3), [True, True, True, False], 1, [0.5, 1.5, -1.0], [0.1, -0.2, 0.3]),
    case("bn1d_ncl_cumulative", nn.BatchNorm1d(4, momentum=None), (3, 4, 5), [True, True, True, False], 2),
    case("bn2d", nn.BatchNorm2d(3, eps=1e-3, momentum=0.3), (2, 3, 4, 5), [True, True, False], 3, [1.2, 0.7, -0.4], [0.0, 0.5, -1.0]),
    case("bn2d_no_affine", nn.BatchNorm2d(2, affine=False), (3, 2, 3, 3), [True, True, False], 4),
    case("bn2d_no_running_stats", nn.BatchNorm2d(2, track_running_stats=False), (2, 2, 3, 2), [True, False], 5, [2.0, -0.5], [1.0, 0.25]),
    case("bn1d_batch_of_two", nn.BatchNorm1d(2), (2, 2), [True, False], 6),
]
model = nn.Sequential(nn.Linear(4, 3), nn.BatchNorm1d(3), nn.ReLU(), nn.BatchNorm2d(3, affine=False))
golden = {"version": 1, "generator": "make_batchnorm_goldens.py", "torch": torch.__version__, "cases": cases,
          "state_dict_keys": list(model.state_dict().keys()),
          "state_dict_dtypes": {k: str(v.dtype) for k, v in model.state_dict().items()}}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "batchnorm_goldens.json"), "w") as f:
    json.dump(golden, f, indent=0)
    f.write("\n")
