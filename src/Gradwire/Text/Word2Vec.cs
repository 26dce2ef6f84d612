using System.Diagnostics;

namespace Gradwire.Text;

/// <summary>
/// word2vec (Mikolov et al. 2013) as the original C tool trains it: skip-gram or CBOW, negative sampling and/or
/// hierarchical softmax, frequent-word subsampling, a linearly decaying learning rate, lock-free worker threads.
/// </summary>
/// <remarks>
/// A hand-written trainer over <c>float[]</c> matrices, not the autograd tape: each step touches a few rows, and the
/// gradients are two lines. For a centre word w and a context word c with input vector <c>v = syn0[c]</c> (skip-gram;
/// CBOW uses the mean of the context rows), negative sampling updates each target u (w with label 1, k draws from
/// <c>count^0.75</c> with label 0) by <c>g = α(label − σ(v·u))</c>: <c>u += g·v</c>, <c>v += Σ g·u</c>.
/// Hierarchical softmax does the same along w's Huffman path with label <c>1 − code</c>.
/// The rate is <c>α_t = α₀(1 − words_done / (iterations·train_words + 1))</c>, never below <c>α₀·10⁻⁴</c>.
/// </remarks>
public static class Word2Vec
{
    // word2vec.c cuts sentences at 1,000 words.
    private const int MaxSentenceLength = 1000;

    /// <summary>Trains word vectors on <paramref name="sentences"/> (each a list of tokens; a context never crosses a sentence).</summary>
    /// <exception cref="ArgumentException">An option is out of range, or no word reaches the minimum count.</exception>
    public static Word2VecTraining Train(IReadOnlyList<IReadOnlyList<string>> sentences, Word2VecOptions options)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (string token in sentence)
            {
                counts[token] = counts.TryGetValue(token, out long c) ? c + 1 : 1;
            }
        }

        var vocabulary = Vocabulary.FromCounts(counts, options.MinCount, unknownToken: null);
        if (vocabulary.Count == 0)
        {
            throw new ArgumentException($"word2vec: no word occurs at least {options.MinCount} times (min-count); use more text or a lower --min-count.");
        }

        // The corpus as ids, out-of-vocabulary words dropped, sentences cut at MaxSentenceLength.
        var ids = new List<int>();
        var ends = new List<int>();
        foreach (var sentence in sentences)
        {
            int start = ids.Count;
            foreach (string token in sentence)
            {
                int id = vocabulary.IndexOf(token);
                if (id < 0)
                {
                    continue;
                }

                ids.Add(id);
                if (ids.Count - start == MaxSentenceLength)
                {
                    ends.Add(ids.Count);
                    start = ids.Count;
                }
            }

            if (ids.Count > start)
            {
                ends.Add(ids.Count);
            }
        }

        var model = new Word2VecModel(vocabulary, options);
        var corpus = ids.ToArray();
        var sentenceEnds = ends.ToArray();
        var clock = Stopwatch.StartNew();
        model.Run(corpus, sentenceEnds);
        double seconds = clock.Elapsed.TotalSeconds;
        var words = new string[vocabulary.Count];
        var wordCounts = new long[vocabulary.Count];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = vocabulary[i];
            wordCounts[i] = vocabulary.Counts[i];
        }

        return new Word2VecTraining(new WordVectors(words, options.Dimension, model.Input, wordCounts), corpus.Length, seconds, options.Iterations, options.Threads);
    }
}
