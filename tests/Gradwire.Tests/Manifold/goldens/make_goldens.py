#!/usr/bin/python3
"""Regenerates tsne_goldens.json from scikit-learn (Debian python3-sklearn 1.2): the exact t-SNE joint
probabilities P, the KL divergence and its gradient at a fixed layout, and trustworthiness (k = 3, 5).
Run: /usr/bin/python3 make_goldens.py  (writes next to this script)."""
import json
import os

import numpy as np
import sklearn
from scipy.spatial.distance import pdist, squareform
from sklearn.manifold import trustworthiness
from sklearn.manifold._t_sne import _joint_probabilities, _kl_divergence

rng = np.random.RandomState(7)
n, d, perplexity = 15, 4, 5.0
x = rng.randn(n, d)
y = rng.randn(n, 2)
distances = squareform(pdist(x, "sqeuclidean"))
p_condensed = _joint_probabilities(distances, perplexity, 0)
kl, grad = _kl_divergence(y.ravel(), p_condensed, 1, n, 2)
p = squareform(p_condensed)

tx = rng.randn(40, 6)
ty = tx[:, :2] + 0.3 * rng.randn(40, 2)
golden = {
    "version": 1,
    "generator": "make_goldens.py, scikit-learn " + sklearn.__version__,
    "n": n, "d": d, "perplexity": perplexity,
    "x": x.ravel().tolist(), "y": y.ravel().tolist(),
    "p": p.ravel().tolist(), "kl": float(kl), "grad": grad.ravel().tolist(),
    "trust_x": tx.ravel().tolist(), "trust_y": ty.ravel().tolist(),
    "trust_k3": float(trustworthiness(tx, ty, n_neighbors=3)),
    "trust_k5": float(trustworthiness(tx, ty, n_neighbors=5)),
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "tsne_goldens.json"), "w") as f:
    json.dump(golden, f, indent=1)
