#!/usr/bin/python3
"""Writes PyTorch state_dicts as safetensors files, for SafetensorsTorchTests (version 1).

The safetensors Python package is not installed where this runs, so save_file is written out here with torch,
struct and json only, as the format specifies: an 8-byte little-endian header length, the JSON header
(dtype, shape, data_offsets per tensor, plus __metadata__), padded with spaces to a multiple of 8, then the raw
little-endian bytes, contiguous from offset 0.

  torch_mlp_f32.safetensors   nn.Sequential(Linear(4, 8), ReLU(), Linear(8, 3)).state_dict(), F32, seed 0
  torch_mlp_bf16.safetensors  the same weights as BF16 (what a half-precision checkpoint holds)
  torch_mlp_io.safetensors    "input" [5, 4] and the outputs of the F32 and BF16 models, F64
  torch_dtypes.safetensors    one tensor per dtype torch 1.13 writes (F64 F32 F16 BF16 I64 I32 I16 I8 U8 BOOL),
                              with "expected" (F64) holding the values each converts to

Run from this directory: /usr/bin/python3 make_torch_state_dict.py
"""
import json
import struct

import torch

NAMES = {torch.float64: "F64", torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16",
         torch.int64: "I64", torch.int32: "I32", torch.int16: "I16", torch.int8: "I8", torch.uint8: "U8",
         torch.bool: "BOOL"}


def raw(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        # numpy has no bfloat16: its bits are the high half of float32.
        bits = (t.float().view(torch.int32) >> 16).to(torch.int16)
        return bits.numpy().astype("<i2").tobytes()
    return t.numpy().newbyteorder("<").tobytes() if t.dtype != torch.bool else t.numpy().astype("u1").tobytes()


def save_file(tensors, path, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name in sorted(tensors):
        data = raw(tensors[name])
        header[name] = {"dtype": NAMES[tensors[name].dtype], "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))
state = {k: v.detach() for k, v in model.state_dict().items()}
save_file(state, "torch_mlp_f32.safetensors", {"format": "pt"})
save_file({k: v.to(torch.bfloat16) for k, v in state.items()}, "torch_mlp_bf16.safetensors", {"format": "pt"})

x = torch.randn(5, 4)
with torch.no_grad():
    out32 = model(x)
    model_bf16 = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))
    model_bf16.load_state_dict({k: v.to(torch.bfloat16).float() for k, v in state.items()})
    out16 = model_bf16(x)
save_file({"input": x.double(), "output_f32": out32.double(), "output_bf16": out16.double()}, "torch_mlp_io.safetensors")

values = torch.tensor([-3.0, -1.5, 0.0, 0.25, 1.0, 2.0, 100.0])
dtypes = {
    "f64": values.double(), "f32": values.float(), "f16": values.half(), "bf16": values.bfloat16(),
    "i64": values.round().long(), "i32": values.round().int(), "i16": values.round().short(), "i8": values.round().char(),
    "u8": values.abs().round().byte(), "bool": values != 0,
}
expected = torch.stack([t.double() for _, t in sorted(dtypes.items())])
save_file(dict(dtypes, expected=expected), "torch_dtypes.safetensors", {"order": ",".join(sorted(dtypes))})
