#!/usr/bin/python3
"""word2vec side by side: Gradwire's `gradwire word2vec train` against gensim 4.2 (Debian python3-gensim).

Both train on exactly the same sentences: `gradwire word2vec corpus` writes the tokenized corpus (one sentence per
line, lower-cased, punctuation dropped) and gensim reads that file. Same hyper-parameters (skip-gram, dim 100,
window 5, 5 negatives, sample 1e-3, min count 5, alpha 0.025 decaying to alpha*1e-4, seed 1). Throughput is
in-vocabulary corpus words x epochs / training seconds for both (vocabulary building not timed); accuracy is
evaluate_word_analogies(restrict_vocab=30000, case_insensitive=True) for both (gradwire's own evaluator reproduces
gensim's on the same vectors).

Run from the repository root after `dotnet build src/Gradwire.Cli -c Release`:
    /usr/bin/python3 bench/word2vec/compare_gensim.py --text kjv+web+fortunes --iterations 1 --threads 1 2
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

from gensim.models import KeyedVectors, Word2Vec


def run(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return out.stdout


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gradwire", default="dotnet src/Gradwire.Cli/bin/Release/net10.0/Gradwire.Cli.dll")
    p.add_argument("--text", default="kjv+web+fortunes")
    p.add_argument("--data-dir", default=None)
    p.add_argument("--questions", default="../shared/data/questions-words.txt")
    p.add_argument("--iterations", type=int, default=1)
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--cbow", action="store_true")
    p.add_argument("--gensim-input", choices=["corpus_file", "iterable"], default="corpus_file",
                   help="corpus_file (gensim's fastest, no GIL) or a LineSentence iterable")
    args = p.parse_args()
    gw = shlex.split(args.gradwire)
    tmp = tempfile.mkdtemp(prefix="gradwire-w2v-")
    corpus = os.path.join(tmp, "corpus.txt")
    extra = ["--data-dir", args.data_dir] if args.data_dir else []
    print(run(gw + ["word2vec", "corpus", "--text", args.text, "--out", corpus] + extra).strip(), file=sys.stderr)
    alpha = 0.05 if args.cbow else 0.025
    rows = []
    for threads in args.threads:
        # gensim
        model = Word2Vec(vector_size=100, window=5, negative=5, hs=0, sg=0 if args.cbow else 1, sample=1e-3,
                         min_count=5, alpha=alpha, min_alpha=alpha * 1e-4, workers=threads, seed=1)
        if args.gensim_input == "corpus_file":
            model.build_vocab(corpus_file=corpus)
        else:
            from gensim.models.word2vec import LineSentence
            sentences = LineSentence(corpus)
            model.build_vocab(sentences)
        in_vocab = sum(model.wv.get_vecattr(w, "count") for w in model.wv.index_to_key)
        start = time.perf_counter()
        if args.gensim_input == "corpus_file":
            model.train(corpus_file=corpus, epochs=args.iterations, total_examples=model.corpus_count,
                        total_words=model.corpus_total_words)
        else:
            model.train(sentences, epochs=args.iterations, total_examples=model.corpus_count)
        gensim_seconds = time.perf_counter() - start
        gensim_wps = in_vocab * args.iterations / gensim_seconds
        gensim_acc = model.wv.evaluate_word_analogies(args.questions, restrict_vocab=30000, case_insensitive=True)[0]
        # gradwire
        vec = os.path.join(tmp, f"gradwire-{threads}.vec")
        cmd = gw + ["word2vec", "train", "--text", corpus, "--iterations", str(args.iterations), "--threads", str(threads),
                    "--seed", "1", "--save", vec, "--json"] + (["--cbow"] if args.cbow else [])
        ours = json.loads(run(cmd))
        ours_acc = KeyedVectors.load_word2vec_format(vec).evaluate_word_analogies(
            args.questions, restrict_vocab=30000, case_insensitive=True)[0]
        rows.append((threads, ours["words_per_second"], gensim_wps, ours_acc, gensim_acc, ours["vocabulary"], len(model.wv)))
    print(f"corpus {args.text}: {in_vocab} in-vocabulary words, {args.iterations} iteration(s), "
          f"{'cbow' if args.cbow else 'skip-gram'}, gensim input {args.gensim_input}")
    print(f"{'threads':>7} {'gradwire w/s':>13} {'gensim w/s':>11} {'ratio':>6} {'w/s/thread (g|gs)':>20} "
          f"{'acc gradwire':>12} {'acc gensim':>10} {'vocab':>11}")
    for t, ow, gw_, oa, ga, ov, gv in rows:
        print(f"{t:>7} {ow:>13.0f} {gw_:>11.0f} {ow / gw_:>6.2f} {ow / t:>9.0f}|{gw_ / t:<10.0f} {oa:>12.4f} {ga:>10.4f} {ov:>5}|{gv:<5}")


if __name__ == "__main__":
    main()
