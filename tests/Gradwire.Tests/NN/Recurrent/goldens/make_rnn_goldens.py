# Regenerates rnn_goldens.jsonl beside this script: PyTorch 1.13 float64 goldens for Gradwire's RNN, LSTM and
# GRU layers (RecurrentGoldenTests.cs reads them). Each line is one case: the layer's options, its state dict
# (PyTorch's key order), the input, initial states, optional lengths (run as a packed sequence), the outputs,
# final states, and the gradients of L = sum(y*gy) + sum(h_n*gh) [+ sum(c_n*gc)] wrt the input, the initial
# states and every parameter. Run: /usr/bin/python3 make_rnn_goldens.py
import json, os
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

D = torch.float64
SEED = 20261202
T, B, I, H = 5, 3, 3, 4
LENGTHS = [5, 2, 4]  # unsorted on purpose: enforce_sorted=False

def enc(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}

out = [{"header": "PyTorch float64 goldens for Gradwire's RNN/LSTM/GRU layers", "generator":
        "tests/Gradwire.Tests/NN/Recurrent/goldens/make_rnn_goldens.py", "torch": torch.__version__,
        "seed": SEED, "version": 1}]
torch.manual_seed(SEED)
kinds = [("rnn_tanh", torch.nn.RNN, {"nonlinearity": "tanh"}), ("rnn_relu", torch.nn.RNN, {"nonlinearity": "relu"}),
         ("lstm", torch.nn.LSTM, {}), ("gru", torch.nn.GRU, {})]
for kind, cls, extra in kinds:
    for layers in (1, 2):
        for bi in (False, True):
            for batch_first in (False, True):
                for var in (False, True):
                    m = cls(I, H, num_layers=layers, bidirectional=bi, batch_first=batch_first, dtype=D, **extra)
                    dirs = 2 if bi else 1
                    x = torch.randn((B, T, I) if batch_first else (T, B, I), dtype=D, requires_grad=True)
                    h0 = torch.randn(layers * dirs, B, H, dtype=D, requires_grad=True)
                    c0 = torch.randn(layers * dirs, B, H, dtype=D, requires_grad=True) if kind == "lstm" else None
                    state = (h0, c0) if kind == "lstm" else h0
                    if var:
                        packed = pack_padded_sequence(x, torch.tensor(LENGTHS), batch_first=batch_first, enforce_sorted=False)
                        py, st = m(packed, state)
                        y, _ = pad_packed_sequence(py, batch_first=batch_first, total_length=T)
                    else:
                        y, st = m(x, state)
                    hn, cn = st if kind == "lstm" else (st, None)
                    gy = torch.randn_like(y); gh = torch.randn_like(hn)
                    loss = (y * gy).sum() + (hn * gh).sum()
                    gc = None
                    if cn is not None:
                        gc = torch.randn_like(cn); loss = loss + (cn * gc).sum()
                    loss.backward()
                    case = {"kind": kind, "layers": layers, "bidirectional": bi, "batch_first": batch_first,
                            "input_size": I, "hidden_size": H,
                            "lengths": LENGTHS if var else None,
                            "state_dict": [{"name": k, **enc(v)} for k, v in m.state_dict().items()],
                            "x": enc(x), "h0": enc(h0), "y": enc(y), "h_n": enc(hn), "gy": enc(gy), "gh": enc(gh),
                            "grad_x": enc(x.grad), "grad_h0": enc(h0.grad),
                            "grad_params": [{"name": k, **enc(p.grad)} for k, p in m.named_parameters()]}
                    if c0 is not None:
                        case.update({"c0": enc(c0), "c_n": enc(cn), "gc": enc(gc), "grad_c0": enc(c0.grad)})
                    out.append(case)

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "rnn_goldens.jsonl"), "w") as f:
    for line in out:
        f.write(json.dumps(line) + "\n")

# Cells and Embedding: cell_goldens.jsonl (one case a line, same header pattern).
torch.manual_seed(SEED + 1)
cells = [{"header": "PyTorch float64 goldens for Gradwire's RNNCell/LSTMCell/GRUCell and Embedding", "generator":
          "tests/Gradwire.Tests/NN/Recurrent/goldens/make_rnn_goldens.py", "torch": torch.__version__,
          "seed": SEED + 1, "version": 1}]
for kind, make in [("rnn_tanh", lambda: torch.nn.RNNCell(I, H, nonlinearity="tanh", dtype=D)),
                   ("rnn_relu", lambda: torch.nn.RNNCell(I, H, nonlinearity="relu", dtype=D)),
                   ("lstm", lambda: torch.nn.LSTMCell(I, H, dtype=D)), ("gru", lambda: torch.nn.GRUCell(I, H, dtype=D))]:
    for unbatched in (False, True):
        m = make()
        shape = (I,) if unbatched else (B, I)
        hshape = (H,) if unbatched else (B, H)
        x = torch.randn(shape, dtype=D, requires_grad=True)
        h = torch.randn(hshape, dtype=D, requires_grad=True)
        c = torch.randn(hshape, dtype=D, requires_grad=True) if kind == "lstm" else None
        if c is None:
            hn = m(x, h); cn = None
        else:
            hn, cn = m(x, (h, c))
        gh = torch.randn_like(hn); loss = (hn * gh).sum()
        case = {"kind": kind, "input_size": I, "hidden_size": H, "unbatched": unbatched,
                "state_dict": [{"name": k, **enc(v)} for k, v in m.state_dict().items()],
                "x": enc(x), "h": enc(h), "h_next": enc(hn), "gh": enc(gh)}
        if cn is not None:
            gc = torch.randn_like(cn); loss = loss + (cn * gc).sum()
            case.update({"c": enc(c), "c_next": enc(cn), "gc": enc(gc)})
        loss.backward()
        case.update({"grad_x": enc(x.grad), "grad_h": enc(h.grad),
                     "grad_params": [{"name": k, **enc(p.grad)} for k, p in m.named_parameters()]})
        if c is not None:
            case["grad_c"] = enc(c.grad)
        cells.append(case)
for pad, max_norm in [(None, None), (2, None), (-1, None), (None, 1.5), (0, 2.0)]:
    e = torch.nn.Embedding(6, 4, padding_idx=pad, max_norm=max_norm, dtype=D)
    w0 = e.weight.detach().clone()
    idx = torch.tensor([[1, 2, 5, 2], [0, 2, 3, 1]])
    y = e(idx)
    gy = torch.randn_like(y); (y * gy).sum().backward()
    cells.append({"kind": "embedding", "num": 6, "dim": 4, "padding_idx": pad, "max_norm": max_norm,
                  "weight": enc(w0), "indices": {"shape": list(idx.shape), "data": idx.reshape(-1).tolist()},
                  "y": enc(y), "gy": enc(gy), "grad_weight": enc(e.weight.grad), "weight_after": enc(e.weight)})
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cell_goldens.jsonl"), "w") as f:
    for line in cells:
        f.write(json.dumps(line) + "\n")
