#!/usr/bin/python3
"""t-SNE side by side: scikit-learn's TSNE (Barnes-Hut) and `gradwire tsne` on the same Fashion-MNIST points.

Both embed the first N images of Fashion-MNIST (the test set first, then the training set: the order
`gradwire tsne --data fashion-mnist` uses), scaled x / 255 in float32 as Gradwire's loader does, after PCA to
50 dimensions, with perplexity 30, θ = 0.5, 1000 iterations (250 with early exaggeration 12), learning rate
"auto" and a PCA start: scikit-learn 1.2's defaults, which are gradwire's. Printed side by side: wall time of the
fit (PCA + t-SNE; gradwire's from its --json "seconds", the process's own time apart), the final KL divergence
and trustworthiness (sklearn.manifold.trustworthiness, k = 10, on the raw pixels; on the first
--trust-points points when N is larger, for both alike, since it needs O(N²) memory).

Usage: /usr/bin/python3 bench/tsne/compare_sklearn.py [--n 10000] [--threads 2] [--gradwire "dotnet PATH/Gradwire.Cli.dll"]
Needs Debian's python3-sklearn (1.2) and dataset-fashion-mnist.
"""
import argparse
import gzip
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_TOOL = "dotnet " + os.path.join(ROOT, "src", "Gradwire.Cli", "bin", "Release", "net10.0", "Gradwire.Cli.dll")


def idx_images(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    count, rows, cols = (int.from_bytes(data[o:o + 4], "big") for o in (4, 8, 12))
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)


def load(directory, n):
    test = idx_images(os.path.join(directory, "t10k-images-idx3-ubyte.gz"))
    train = idx_images(os.path.join(directory, "train-images-idx3-ubyte.gz"))
    raw = np.concatenate([test, train])[:n]
    if len(raw) < n:
        sys.exit(f"compare_sklearn.py: --n {n} is more than the {len(raw)} images there are")
    return (raw.astype(np.float32) / np.float32(255)).astype(np.float64)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--perplexity", type=float, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--gradwire", default=DEFAULT_TOOL, help="command that runs the gradwire tool")
    parser.add_argument("--trust-points", type=int, default=10000)
    parser.add_argument("--skip-sklearn", action="store_true")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args()

    x = load(args.data_dir, args.n)
    rows = {}

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "coords.csv")
        command = shlex.split(args.gradwire) + [
            "tsne", "--data", "fashion-mnist", "--data-dir", args.data_dir, "--n", str(args.n), "--pca", "50",
            "--perplexity", str(args.perplexity), "--seed", str(args.seed), "--threads", str(args.threads),
            "--out", out, "--json"]
        start = time.perf_counter()
        run = subprocess.run(command, capture_output=True, text=True)
        process_seconds = time.perf_counter() - start
        if run.returncode != 0:
            sys.exit(f"gradwire failed ({run.returncode}): {run.stderr.strip()}")
        report = json.loads(run.stdout)
        y = np.loadtxt(out, delimiter=",", skiprows=1, usecols=(0, 1))
        rows["gradwire"] = {"seconds": report["seconds"], "process_seconds": process_seconds, "kl": report["kl"], "y": y}

    if not args.skip_sklearn:
        start = time.perf_counter()
        reduced = PCA(n_components=50, svd_solver="randomized", random_state=args.seed).fit_transform(x)
        tsne = TSNE(n_components=2, perplexity=args.perplexity, init="pca", learning_rate="auto", method="barnes_hut",
                    angle=0.5, n_iter=1000, random_state=args.seed, n_jobs=args.threads)
        y = tsne.fit_transform(reduced)
        seconds = time.perf_counter() - start
        rows["sklearn"] = {"seconds": seconds, "process_seconds": seconds, "kl": float(tsne.kl_divergence_), "y": y}

    m = min(args.n, args.trust_points)
    for row in rows.values():
        row["trustworthiness"] = float(trustworthiness(x[:m], row["y"][:m], n_neighbors=10))

    if args.json:
        print(json.dumps({"n": args.n, "threads": args.threads, "trust_points": m, "sklearn_version": sklearn.__version__,
                          **{name: {k: v for k, v in row.items() if k != "y"} for name, row in rows.items()}}))
        return
    print(f"t-SNE of {args.n} Fashion-MNIST points, PCA 50, perplexity {args.perplexity:g}, {args.threads} threads "
          f"(trustworthiness k=10 on the first {m} points)")
    print(f"{'':24}{'fit s':>10}{'process s':>12}{'KL':>10}{'trust':>10}")
    for name, row in rows.items():
        label = name if name == "gradwire" else f"scikit-learn {sklearn.__version__}"
        print(f"{label:24}{row['seconds']:>10.2f}{row['process_seconds']:>12.2f}{row['kl']:>10.4f}{row['trustworthiness']:>10.4f}")
    if "sklearn" in rows:
        print(f"time ratio gradwire / scikit-learn: {rows['gradwire']['seconds'] / rows['sklearn']['seconds']:.3f}")


if __name__ == "__main__":
    main()
