using System.Runtime.CompilerServices;

namespace Gradwire.Text;

/// <summary>The matrices and the worker loop behind <see cref="Word2Vec.Train"/> (see its remarks for the maths).</summary>
internal sealed class Word2VecModel
{
    private readonly Word2VecOptions _options;
    private readonly int _dim;
    private readonly int _vocabularySize;
    private readonly long[] _counts;
    private readonly float[] _syn1Negative;
    private readonly float[] _syn1;
    private readonly AliasSampler? _negatives;
    private readonly HuffmanTree? _tree;
    private readonly float _startingAlpha;
    private long _wordsDone;
    private long _totalWords;

    public Word2VecModel(Vocabulary vocabulary, Word2VecOptions options)
    {
        _options = options;
        _dim = options.Dimension;
        _vocabularySize = vocabulary.Count;
        _counts = new long[_vocabularySize];
        for (int i = 0; i < _vocabularySize; i++)
        {
            _counts[i] = vocabulary.Counts[i];
        }

        _startingAlpha = (float)options.StartingAlpha;
        Input = new float[(long)_vocabularySize * _dim];
        ulong rng = SplitMix(options.Seed);
        // word2vec.c: uniform in [-0.5, 0.5) / dim.
        for (int i = 0; i < Input.Length; i++)
        {
            Input[i] = (Uniform(ref rng) - 0.5f) / _dim;
        }

        if (options.Negative > 0)
        {
            _syn1Negative = new float[Input.Length];
            var weights = new double[_vocabularySize];
            for (int i = 0; i < weights.Length; i++)
            {
                weights[i] = Math.Pow(_counts[i], 0.75);
            }

            _negatives = new AliasSampler(weights);
        }
        else
        {
            _syn1Negative = [];
        }

        if (options.HierarchicalSoftmax)
        {
            _syn1 = new float[Input.Length];
            _tree = new HuffmanTree(_counts);
        }
        else
        {
            _syn1 = [];
        }
    }

    /// <summary>The input vectors (<c>syn0</c>), row-major <c>[vocabulary, dim]</c>.</summary>
    public float[] Input { get; }

    /// <summary>Runs every pass on <paramref name="corpus"/>, split into contiguous parts, one per thread.</summary>
    public void Run(int[] corpus, int[] sentenceEnds)
    {
        _totalWords = corpus.Length;
        _wordsDone = 0;
        int threads = Math.Max(1, Math.Min(_options.Threads, sentenceEnds.Length));
        if (threads == 1)
        {
            Work(corpus, sentenceEnds, 0, sentenceEnds.Length, 0);
            return;
        }

        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            // Parts of equal word counts, cut at sentence ends.
            int first = PartStart(sentenceEnds, corpus.Length, t, threads);
            int last = PartStart(sentenceEnds, corpus.Length, t + 1, threads);
            int id = t;
            workers[t] = new Thread(() => Work(corpus, sentenceEnds, first, last, id), maxStackSize: 1 << 20) { IsBackground = true };
            workers[t].Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }
    }

    private static int PartStart(int[] sentenceEnds, int words, int part, int parts)
    {
        if (part >= parts)
        {
            return sentenceEnds.Length;
        }

        long target = (long)words * part / parts;
        int lo = 0;
        int hi = sentenceEnds.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sentenceEnds[mid] <= target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void Work(int[] corpus, int[] sentenceEnds, int firstSentence, int lastSentence, int thread)
    {
        int dim = _dim;
        int window = _options.Window;
        bool cbow = _options.Cbow;
        double sample = _options.Sample * _totalWords;
        long totalPlanned = (long)_options.Iterations * _totalWords + 1;
        ulong rng = SplitMix(_options.Seed + 0x9E3779B97F4A7C15UL * (ulong)(thread + 1));
        var hidden = new float[dim];
        var hiddenError = new float[dim];
        var sentence = new int[1000];
        float alpha = _startingAlpha;
        long localWords = 0;
        long lastReported = 0;
        for (int iteration = 0; iteration < _options.Iterations; iteration++)
        {
            for (int s = firstSentence; s < lastSentence; s++)
            {
                int start = s == 0 ? 0 : sentenceEnds[s - 1];
                int end = sentenceEnds[s];
                localWords += end - start;
                if (localWords - lastReported > 10000)
                {
                    long done = Interlocked.Add(ref _wordsDone, localWords - lastReported);
                    lastReported = localWords;
                    alpha = _startingAlpha * (float)(1 - done / (double)totalPlanned);
                    if (alpha < _startingAlpha * 0.0001f)
                    {
                        alpha = _startingAlpha * 0.0001f;
                    }
                }

                int length = 0;
                for (int i = start; i < end; i++)
                {
                    int word = corpus[i];
                    if (sample > 0)
                    {
                        // word2vec.c: keep with probability (sqrt(f/t) + 1) t/f, f the word's count.
                        double count = _counts[word];
                        double keep = (Math.Sqrt(count / sample) + 1) * sample / count;
                        if (keep < Uniform(ref rng))
                        {
                            continue;
                        }
                    }

                    sentence[length++] = word;
                }

                for (int position = 0; position < length; position++)
                {
                    int shrink = (int)(Next(ref rng) % (ulong)window);
                    if (cbow)
                    {
                        TrainCbow(sentence, length, position, shrink, window, alpha, hidden, hiddenError, ref rng);
                    }
                    else
                    {
                        TrainSkipGram(sentence, length, position, shrink, window, alpha, hiddenError, ref rng);
                    }
                }
            }
        }

        Interlocked.Add(ref _wordsDone, localWords - lastReported);
    }

    private void TrainSkipGram(int[] sentence, int length, int position, int shrink, int window, float alpha, float[] hiddenError, ref ulong rng)
    {
        int word = sentence[position];
        int dim = _dim;
        for (int a = shrink; a < window * 2 + 1 - shrink; a++)
        {
            if (a == window)
            {
                continue;
            }

            int c = position - window + a;
            if (c < 0 || c >= length)
            {
                continue;
            }

            var input = Input.AsSpan(sentence[c] * dim, dim);
            Array.Clear(hiddenError);
            Output(word, input, hiddenError, alpha, ref rng);
            VectorMath.Axpy(1f, hiddenError, input);
        }
    }

    private void TrainCbow(int[] sentence, int length, int position, int shrink, int window, float alpha, float[] hidden, float[] hiddenError, ref ulong rng)
    {
        int word = sentence[position];
        int dim = _dim;
        Array.Clear(hidden);
        int used = 0;
        for (int a = shrink; a < window * 2 + 1 - shrink; a++)
        {
            int c = position - window + a;
            if (a != window && c >= 0 && c < length)
            {
                VectorMath.Axpy(1f, Input.AsSpan(sentence[c] * dim, dim), hidden);
                used++;
            }
        }

        if (used == 0)
        {
            return;
        }

        float inverse = 1f / used;
        for (int i = 0; i < dim; i++)
        {
            hidden[i] *= inverse;
        }

        Array.Clear(hiddenError);
        Output(word, hidden, hiddenError, alpha, ref rng);
        for (int a = shrink; a < window * 2 + 1 - shrink; a++)
        {
            int c = position - window + a;
            if (a != window && c >= 0 && c < length)
            {
                VectorMath.Axpy(1f, hiddenError, Input.AsSpan(sentence[c] * dim, dim));
            }
        }
    }

    // The output layer for one (hidden, word) pair: updates the output rows and accumulates the input's gradient step.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Output(int word, ReadOnlySpan<float> hidden, Span<float> hiddenError, float alpha, ref ulong rng)
    {
        int dim = _dim;
        if (_tree is not null)
        {
            byte[] codes = _tree.Codes[word];
            int[] points = _tree.Points[word];
            for (int d = 0; d < codes.Length; d++)
            {
                var output = _syn1.AsSpan(points[d] * dim, dim);
                float f = VectorMath.Dot(hidden, output);
                if (f <= -SigmoidTable.MaxExp || f >= SigmoidTable.MaxExp)
                {
                    continue;
                }

                float g = (1 - codes[d] - SigmoidTable.Sigmoid(f)) * alpha;
                VectorMath.Axpy(g, output, hiddenError);
                VectorMath.Axpy(g, hidden, output);
            }
        }

        if (_negatives is not null)
        {
            for (int d = 0; d <= _options.Negative; d++)
            {
                int target;
                float label;
                if (d == 0)
                {
                    target = word;
                    label = 1;
                }
                else
                {
                    target = _negatives.Sample(Next(ref rng));
                    if (target == word)
                    {
                        continue;
                    }

                    label = 0;
                }

                var output = _syn1Negative.AsSpan(target * dim, dim);
                float f = VectorMath.Dot(hidden, output);
                float g = f >= SigmoidTable.MaxExp ? (label - 1) * alpha
                    : f <= -SigmoidTable.MaxExp ? label * alpha
                    : (label - SigmoidTable.Sigmoid(f)) * alpha;
                VectorMath.Axpy(g, output, hiddenError);
                VectorMath.Axpy(g, hidden, output);
            }
        }
    }

    // xorshift64*: fast, 64-bit state, good high bits; SplitMix64 turns any seed into a non-zero state.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Next(ref ulong state)
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 2685821657736338717UL;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Uniform(ref ulong state) => (Next(ref state) >> 40) * (1f / 16777216f);

    private static ulong SplitMix(ulong seed)
    {
        ulong z = seed + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return z == 0 ? 0x9E3779B97F4A7C15UL : z;
    }
}
