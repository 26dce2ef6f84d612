using Gradwire.Tests.IO;
using Gradwire.Text;

namespace Gradwire.Tests.Text;

public sealed class Word2VecTests
{
    [Fact]
    public void Simd_dot_and_axpy_match_the_scalar_twins_at_every_length()
    {
        var random = new Random(3);
        for (int n = 0; n <= 80; n++)
        {
            var x = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var y = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            Assert.Equal(VectorMathReference.Dot(x, y), VectorMath.Dot(x, y), 4);
            var fast = (float[])y.Clone();
            var slow = (float[])y.Clone();
            VectorMath.Axpy(0.37f, x, fast);
            VectorMathReference.Axpy(0.37f, x, slow);
            Assert.Equal(slow, fast);
            // Unaligned views.
            if (n > 2)
            {
                Assert.Equal(VectorMathReference.Dot(x.AsSpan(1), y.AsSpan(1)), VectorMath.Dot(x.AsSpan(1), y.AsSpan(1)), 4);
            }
        }
    }

    [Fact]
    public void Sigmoid_table_is_the_logistic_function_within_its_cell_width()
    {
        for (double x = -5.99; x < 5.99; x += 0.01)
        {
            double exact = 1 / (1 + Math.Exp(-x));
            // A cell is 12/1000 wide and σ' ≤ 1/4: the table is within 0.003 of σ.
            Assert.True(Math.Abs(SigmoidTable.Sigmoid((float)x) - exact) <= 0.0031, $"x={x}");
        }
    }

    [Fact]
    public void Sigmoid_table_takes_the_largest_floats_below_six()
    {
        // 6 − ulp: x + 6 rounds to 12 in float, one past the table's last cell before the clamp.
        float x = MathF.BitDecrement(SigmoidTable.MaxExp);
        Assert.Equal(1 / (1 + Math.Exp(-6.0)), SigmoidTable.Sigmoid(x), 0.003);
    }

    [Fact]
    public void Negative_sampling_step_is_the_gradient_of_the_log_likelihood()
    {
        // For a pair with score f = v·u and label l, the update coefficient g/α = l − σ(f) is
        // d/df [l·log σ(f) + (1 − l)·log σ(−f)]: checked by central differences in float64.
        static double LogLikelihood(double f, double label) =>
            label * Math.Log(1 / (1 + Math.Exp(-f))) + (1 - label) * Math.Log(1 / (1 + Math.Exp(f)));
        foreach (double label in (double[])[0, 1])
        {
            for (double f = -5.5; f <= 5.5; f += 0.5)
            {
                const double H = 1e-5;
                double numeric = (LogLikelihood(f + H, label) - LogLikelihood(f - H, label)) / (2 * H);
                double step = label - SigmoidTable.Sigmoid((float)f);
                Assert.True(Math.Abs(numeric - step) < 0.004, $"f={f} label={label}: {numeric} vs {step}");
            }
        }
    }

    [Fact]
    public void Alias_sampler_realizes_the_unigram_power_distribution_exactly()
    {
        double[] weights = [Math.Pow(100, 0.75), Math.Pow(10, 0.75), Math.Pow(5, 0.75), 1, 0];
        var sampler = new AliasSampler(weights);
        double total = weights.Sum();
        for (int i = 0; i < weights.Length; i++)
        {
            Assert.Equal(weights[i] / total, sampler.Probability(i), 5);
        }

        var counts = new int[weights.Length];
        ulong state = 12345;
        for (int i = 0; i < 200000; i++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            counts[sampler.Sample(state)]++;
        }

        Assert.Equal(0, counts[4]);
        Assert.Equal(weights[0] / total, counts[0] / 200000.0, 2);
        Assert.Throws<ArgumentException>(() => new AliasSampler([0.0, 0.0]));
    }

    [Fact]
    public void Huffman_codes_are_prefix_free_and_optimal()
    {
        long[] counts = [45, 16, 13, 12, 9, 5];
        var tree = new HuffmanTree(counts);
        // The textbook example (CLRS 16.3): code lengths 1, 3, 3, 3, 4, 4, total cost 224.
        Assert.Equal([1, 3, 3, 3, 4, 4], tree.Codes.Select(c => c.Length).ToArray());
        Assert.Equal(224, counts.Select((c, i) => c * tree.Codes[i].Length).Sum());
        var codes = tree.Codes.Select(c => string.Concat(c.Select(b => (char)('0' + b)))).ToArray();
        foreach (var a in codes)
        {
            foreach (var b in codes)
            {
                Assert.True(a == b || !b.StartsWith(a, StringComparison.Ordinal), $"{a} is a prefix of {b}");
            }
        }

        Assert.All(tree.Points, p => Assert.Equal(counts.Length - 2, p[0])); // every path starts at the root
        Assert.All(tree.Points.SelectMany(p => p), p => Assert.InRange(p, 0, counts.Length - 2));
    }

    /// <summary>Two topics whose words only ever co-occur within their topic.</summary>
    private static List<IReadOnlyList<string>> TwoTopics(int sentences, int seed)
    {
        string[] fruit = ["apple", "pear", "plum", "cherry", "grape"];
        string[] metal = ["iron", "copper", "zinc", "tin", "lead"];
        var random = new Random(seed);
        var corpus = new List<IReadOnlyList<string>>();
        for (int s = 0; s < sentences; s++)
        {
            var topic = s % 2 == 0 ? fruit : metal;
            corpus.Add(Enumerable.Range(0, 8).Select(_ => topic[random.Next(topic.Length)]).ToArray());
        }

        return corpus;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Words_that_co_occur_end_up_nearest_neighbours(bool cbow, bool hs)
    {
        var result = Word2Vec.Train(TwoTopics(400, 1), new Word2VecOptions
        {
            Dimension = 16,
            Window = 3,
            MinCount = 1,
            Iterations = 5,
            Sample = 0,
            Cbow = cbow,
            HierarchicalSoftmax = hs,
            Negative = hs ? 0 : 5,
        });
        var vectors = result.Vectors;
        Assert.Equal(10, vectors.Count);
        string[] fruit = ["apple", "pear", "plum", "cherry", "grape"];
        foreach (var word in fruit)
        {
            var near = vectors.Nearest(word, 4).Select(n => n.Word);
            Assert.All(near, n => Assert.Contains(n, fruit));
        }

        Assert.True(vectors.Similarity("iron", "zinc") > vectors.Similarity("iron", "apple") + 0.2);
        Assert.Equal(400L * 8, result.TrainWords);
    }

    [Fact]
    public void One_thread_is_deterministic_for_a_seed()
    {
        var corpus = TwoTopics(100, 2);
        var options = new Word2VecOptions { Dimension = 8, MinCount = 1, Iterations = 2, Seed = 42 };
        var a = Word2Vec.Train(corpus, options).Vectors;
        var b = Word2Vec.Train(corpus, options).Vectors;
        var c = Word2Vec.Train(corpus, new Word2VecOptions { Dimension = 8, MinCount = 1, Iterations = 2, Seed = 43 }).Vectors;
        Assert.Equal(a[0].ToArray(), b[0].ToArray());
        Assert.Equal(a[9].ToArray(), b[9].ToArray());
        Assert.NotEqual(a[0].ToArray(), c[0].ToArray());
    }

    [Fact]
    public void Several_threads_train_the_same_vocabulary_and_learn_the_topics()
    {
        var result = Word2Vec.Train(TwoTopics(600, 3), new Word2VecOptions { Dimension = 16, Window = 3, MinCount = 1, Sample = 0, Threads = 3 });
        Assert.Equal(10, result.Vectors.Count);
        Assert.Equal(3, result.Threads);
        Assert.True(result.Vectors.Similarity("pear", "plum") > result.Vectors.Similarity("pear", "tin"));
    }

    [Fact]
    public void Bad_options_and_empty_vocabularies_are_explained()
    {
        Assert.Contains("dimension", Assert.Throws<ArgumentException>(() => Word2Vec.Train(TwoTopics(2, 1), new Word2VecOptions { Dimension = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("--hs", Assert.Throws<ArgumentException>(() => new Word2VecOptions { Negative = 0 }.Validate()).Message, StringComparison.Ordinal);
        var e = Assert.Throws<ArgumentException>(() => Word2Vec.Train([["once"]], new Word2VecOptions()));
        Assert.Contains("min-count", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frequent_words_come_first_and_rare_words_are_dropped()
    {
        var corpus = new List<IReadOnlyList<string>> { "a a a b b c".Split(' '), "a b rare".Split(' ') };
        var vectors = Word2Vec.Train(corpus, new Word2VecOptions { Dimension = 4, MinCount = 2 }).Vectors;
        Assert.Equal(["a", "b"], vectors.Words);
        Assert.Equal([4L, 3], vectors.Counts!);
    }
}
