#!/usr/bin/env python3
"""Regenerates attention_goldens.jsonl: PyTorch 1.13 float64 goldens for Gradwire's LayerNorm, scaled dot-product
attention, MultiheadAttention, Transformer encoder/decoder layers and a small nn.Transformer, read by
tests/Gradwire.Tests/NN/Attention/AttentionGoldenTests.cs.

Usage: /usr/bin/python3 make_attention_goldens.py > attention_goldens.jsonl      (Debian's python3-torch 1.13)

Deterministic (one torch.manual_seed), dropout 0, training mode (so 1.13's inference fast path is not taken).
Line 1 is a header with the version; then one JSON object per case: "kind", "options", "state" (the module's
state dict under PyTorch's keys), "inputs" (tensors {"shape", "data", "bool"?}), "output", "upstream" and "grads"
(of sum(upstream * output) with respect to each input and each parameter, parameters as "param:KEY").
torch 1.13 has no F.scaled_dot_product_attention, so that golden is the explicit formula
softmax(QK^T/sqrt(d) + M) V with the bool mask True = attend.
"""
import json
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

VERSION = 1
SEED = 20261202
D = torch.float64
torch.manual_seed(SEED)
torch.set_default_dtype(D)


def tensor(t):
    if t.dtype == torch.bool:
        return {"shape": list(t.shape), "data": [1.0 if v else 0.0 for v in t.reshape(-1).tolist()], "bool": True}
    # JSON has no infinities: -inf (masked positions) is written as the string "-inf".
    return {"shape": list(t.shape), "data": [float(v) if math.isfinite(v) else ("-inf" if v < 0 else "inf") for v in t.detach().reshape(-1).tolist()]}


def emit(kind, options, inputs, fn, module=None, extra=None):
    """inputs: name -> tensor (floats get requires_grad); fn(**inputs) -> output tensor (or tuple: first is used)."""
    # Masks are constants (Gradwire's float masks get no gradient).
    leaves = {k: (v.detach().clone().requires_grad_(True) if v.dtype == D and "mask" not in k else v) for k, v in inputs.items()}
    out = fn(**leaves)
    weights = None
    if isinstance(out, tuple):
        out, weights = out
    upstream = torch.rand(out.shape, dtype=D) + 0.5
    if module is not None:
        module.zero_grad()
    (out * upstream).sum().backward()
    grads = {k: tensor(v.grad) for k, v in leaves.items() if v.grad is not None}
    state = {}
    if module is not None:
        state = {k: tensor(v) for k, v in module.state_dict().items()}
        for k, p in module.named_parameters():
            grads["param:" + k] = tensor(p.grad if p.grad is not None else torch.zeros_like(p))
    case = {"kind": kind, "options": options, "state": state, "inputs": {k: tensor(v) for k, v in inputs.items()},
            "output": tensor(out), "upstream": tensor(upstream), "grads": grads}
    if weights is not None:
        case["weights"] = tensor(weights)
    if extra:
        case.update(extra)
    print(json.dumps(case))


def sdpa(q, k, v, mask=None, causal=False):
    s = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if causal:
        t, n = q.shape[-2], k.shape[-2]
        s = s.masked_fill(~torch.ones(t, n, dtype=torch.bool).tril(), float("-inf"))
    if mask is not None:
        s = s.masked_fill(~mask, float("-inf")) if mask.dtype == torch.bool else s + mask
    return torch.softmax(s, -1) @ v


print(json.dumps({"header": "PyTorch float64 goldens for Gradwire's attention and Transformer layers",
                  "generator": "tests/Gradwire.Tests/NN/Attention/goldens/make_attention_goldens.py",
                  "torch": torch.__version__, "seed": SEED, "version": VERSION}))

# LayerNorm over one and two trailing axes, with and without affine parameters.
for shape, affine in [([5], True), ([4, 5], True), ([5], False)]:
    ln = nn.LayerNorm(shape, eps=1e-5, elementwise_affine=affine)
    if affine:
        with torch.no_grad():
            ln.weight.copy_(torch.randn(shape) * 0.5 + 1)
            ln.bias.copy_(torch.randn(shape) * 0.3)
    x = torch.randn(3, 4, 5) * 2 + 0.5
    emit("layer_norm", {"normalized_shape": shape, "eps": 1e-5, "affine": affine}, {"x": x}, lambda x: ln(x), ln)

# Scaled dot-product attention: no mask, bool mask (True = attend), float mask, causal.
q = torch.randn(2, 2, 4, 3)
k = torch.randn(2, 2, 5, 3)
v = torch.randn(2, 2, 5, 6)
bool_mask = torch.rand(4, 5) > 0.3
bool_mask[:, 0] = True  # no fully masked row
float_mask = torch.randn(2, 1, 4, 5)
emit("sdpa", {"mask": "none", "causal": False}, {"q": q, "k": k, "v": v}, lambda q, k, v: sdpa(q, k, v))
emit("sdpa", {"mask": "bool", "causal": False}, {"q": q, "k": k, "v": v, "mask": bool_mask}, lambda q, k, v, mask: sdpa(q, k, v, mask))
emit("sdpa", {"mask": "float", "causal": False}, {"q": q, "k": k, "v": v, "mask": float_mask}, lambda q, k, v, mask: sdpa(q, k, v, mask))
kc = torch.randn(2, 2, 4, 3)
vc = torch.randn(2, 2, 4, 6)
emit("sdpa", {"mask": "none", "causal": True}, {"q": q, "k": kc, "v": vc}, lambda q, k, v: sdpa(q, k, v, causal=True))

# MultiheadAttention: self-attention with a key padding mask and averaged weights; cross-attention with a bool
# attn_mask and per-head weights; batch-first self-attention with a float mask and no weights.
E, H, T, S, B = 8, 2, 4, 5, 3
mha = nn.MultiheadAttention(E, H, dropout=0.0)
x = torch.randn(T, B, E)
kpm = torch.zeros(B, T, dtype=torch.bool)
kpm[1, 3] = True
kpm[2, 2:] = True
emit("mha", {"embed_dim": E, "num_heads": H, "batch_first": False, "need_weights": True, "average": True, "self": True},
     {"query": x, "key_padding_mask": kpm},
     lambda query, key_padding_mask: mha(query, query, query, key_padding_mask=key_padding_mask, need_weights=True), mha)
mha = nn.MultiheadAttention(E, H, dropout=0.0)
with torch.no_grad():
    mha.in_proj_bias.copy_(torch.randn(3 * E) * 0.1)
    mha.out_proj.bias.copy_(torch.randn(E) * 0.1)
qx = torch.randn(T, B, E)
mem = torch.randn(S, B, E)
am = torch.rand(T, S) > 0.5
am[:, 1] = False  # PyTorch MHA: True = may not attend; column 1 always allowed
emit("mha", {"embed_dim": E, "num_heads": H, "batch_first": False, "need_weights": True, "average": False, "self": False},
     {"query": qx, "key": mem, "attn_mask": am},
     lambda query, key, attn_mask: mha(query, key, key, attn_mask=attn_mask, need_weights=True, average_attn_weights=False), mha)
mha = nn.MultiheadAttention(E, H, dropout=0.0, batch_first=True)
xb = torch.randn(B, T, E)
fm = torch.randn(T, T)
emit("mha", {"embed_dim": E, "num_heads": H, "batch_first": True, "need_weights": False, "average": True, "self": True},
     {"query": xb, "attn_mask": fm},
     lambda query, attn_mask: mha(query, query, query, attn_mask=attn_mask, need_weights=False)[0], mha)

# Encoder and decoder layers: post-norm and pre-norm, ReLU and GELU.
FF = 16
causal = nn.Transformer.generate_square_subsequent_mask(T)
for norm_first, activation in [(False, "relu"), (True, "gelu")]:
    opts = {"d_model": E, "nhead": H, "dim_feedforward": FF, "norm_first": norm_first, "activation": activation}
    enc = nn.TransformerEncoderLayer(E, H, FF, dropout=0.0, activation=activation, norm_first=norm_first)
    src = torch.randn(S, B, E)
    skpm = torch.zeros(B, S, dtype=torch.bool)
    skpm[0, 4] = True
    emit("encoder_layer", opts, {"src": src, "src_key_padding_mask": skpm},
         lambda src, src_key_padding_mask: enc(src, src_key_padding_mask=src_key_padding_mask), enc)
    dec = nn.TransformerDecoderLayer(E, H, FF, dropout=0.0, activation=activation, norm_first=norm_first)
    tgt = torch.randn(T, B, E)
    memory = torch.randn(S, B, E)
    emit("decoder_layer", opts, {"tgt": tgt, "memory": memory, "tgt_mask": causal, "memory_key_padding_mask": skpm},
         lambda tgt, memory, tgt_mask, memory_key_padding_mask: dec(tgt, memory, tgt_mask=tgt_mask, memory_key_padding_mask=memory_key_padding_mask), dec)

# nn.Transformer, 2 + 2 layers, causal target mask and a source key padding mask.
model = nn.Transformer(E, H, 2, 2, FF, dropout=0.0)
src = torch.randn(S, B, E)
tgt = torch.randn(T, B, E)
skpm = torch.zeros(B, S, dtype=torch.bool)
skpm[2, 3:] = True
emit("transformer", {"d_model": E, "nhead": H, "num_encoder_layers": 2, "num_decoder_layers": 2, "dim_feedforward": FF},
     {"src": src, "tgt": tgt, "tgt_mask": causal, "src_key_padding_mask": skpm},
     lambda src, tgt, tgt_mask, src_key_padding_mask: model(src, tgt, tgt_mask=tgt_mask, src_key_padding_mask=src_key_padding_mask,
                                                           memory_key_padding_mask=src_key_padding_mask), model)
