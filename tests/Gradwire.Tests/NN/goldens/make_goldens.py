# Regenerates optim_goldens.json beside this script: the optimizer and training-trajectory numbers that
# tests/Gradwire.Tests/Optim/OptimizerGoldenTests.cs and Training/TrainerTests.cs read.
# Run with Debian's PyTorch 1.13 (apt-get install -y python3-torch): /usr/bin/python3 make_goldens.py
import json, os
import torch
torch.set_printoptions(precision=17)
D = torch.float64

def fmt(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]

golden = {"version": 1, "generator": "make_goldens.py", "torch": torch.__version__}

# The losses are in make_loss_goldens.py (every option, as a versioned JSONL file the tests read).
# Optimizers: f(w) = 0.5*sum(a*w^2) + sum(c*w), w0 = [1, -2, 3], 5 steps, float64.
a = torch.tensor([1.0, 2.0, 3.0], dtype=D); c = torch.tensor([0.5, -1.0, 0.25], dtype=D)
def run(make):
    w = torch.tensor([1.0, -2.0, 3.0], dtype=D, requires_grad=True)
    opt = make([w])
    for _ in range(5):
        opt.zero_grad(); f = 0.5 * (a * w * w).sum() + (c * w).sum(); f.backward(); opt.step()
    return w
cases = {
    "sgd": lambda p: torch.optim.SGD(p, lr=0.1),
    "sgd_momentum": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9),
    "sgd_nesterov_wd": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    "sgd_dampening": lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.5, dampening=0.3),
    "adam": lambda p: torch.optim.Adam(p, lr=0.1),
    "adam_wd": lambda p: torch.optim.Adam(p, lr=0.1, weight_decay=0.1),
    "adamw": lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.1),
    "adagrad": lambda p: torch.optim.Adagrad(p, lr=0.1),
    "adadelta": lambda p: torch.optim.Adadelta(p, lr=1.0),
}
golden["optimizers"] = {name: fmt(run(make)) for name, make in cases.items()}
# L-BFGS, no line search: one step of up to 20 iterations
w = torch.tensor([1.0, -2.0, 3.0], dtype=D, requires_grad=True)
opt = torch.optim.LBFGS([w], lr=1, max_iter=20)
def closure():
    opt.zero_grad(); f = 0.5 * (a * w * w).sum() + (c * w).sum(); f.backward(); return f
opt.step(closure); golden["lbfgs"] = fmt(w)

# Trajectory: 2-3-2 tanh net, 6 points, cross-entropy, SGD momentum 0.9 lr 0.1, full batch, 6 steps, float32.
torch.manual_seed(0)
W1 = torch.tensor([[0.5, -0.3], [0.8, 0.2], [-0.4, 0.6]]); b1 = torch.tensor([0.1, -0.1, 0.05])
W2 = torch.tensor([[0.3, -0.7, 0.5], [-0.2, 0.4, 0.9]]); b2 = torch.tensor([0.0, 0.2])
X = torch.tensor([[1.2, 0.7], [-0.3, -0.5], [3.0, 0.1], [-0.1, -1.0], [-1.0, 1.1], [2.1, -3.0]])
Y = torch.tensor([0, 1, 0, 1, 1, 0])
m = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Tanh(), torch.nn.Linear(3, 2))
with torch.no_grad():
    m[0].weight.copy_(W1); m[0].bias.copy_(b1); m[2].weight.copy_(W2); m[2].bias.copy_(b2)
opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
losses = []
for _ in range(6):
    opt.zero_grad(); l = torch.nn.functional.cross_entropy(m(X), Y); l.backward(); opt.step(); losses.append(l.item())
golden["trajectory"] = {"losses": losses, "final_0_weight": fmt(m[0].weight)}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "optim_goldens.json"), "w") as f:
    json.dump(golden, f, indent=1)
    f.write("\n")
