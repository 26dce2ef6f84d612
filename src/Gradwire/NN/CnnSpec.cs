using System.Globalization;
using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// Builds a small convolutional network from a one-line spec such as <c>cnn:8c5-p2-16c5-p2-fc10</c>.
/// Tokens, separated by <c>-</c>, applied in order to [N, C, H, W] images:
/// <list type="bullet">
/// <item><c>NcK</c>: Conv2d with N filters K×K, "same" padding (stride 1), then ReLU; <c>NcKb</c>: the conv without
/// bias, then BatchNorm2d(N), then ReLU.</item>
/// <item><c>pK</c>: MaxPool2d(K) (stride K); <c>aK</c>: AvgPool2d(K).</item>
/// <item><c>dP</c>: dropout with probability P (e.g. <c>d0.25</c>): Dropout2d on feature maps, Dropout after an fc layer
/// (after its ReLU). Its seed is drawn from the generator, so a seeded build repeats its masks.</item>
/// <item><c>fcN</c>: Linear to N (the first one flattens the images); ReLU between two fc layers.</item>
/// </list>
/// For example <c>cnn:32c3b-p2-64c3b-p2-d0.25-fc128-d0.5-fc10</c>.
/// Without a final <c>fcN</c> a Linear to the class count is appended; a final <c>fcN</c> must equal it. The
/// network starts with a view of flat [N, C·H·W] rows as images, so it also trains on flat datasets.
/// Weights are PyTorch's default initialization drawn from the generator in layer order.
/// </summary>
public static class CnnSpec
{
    /// <summary>Builds the network for <paramref name="spec"/> (with or without the <c>cnn:</c> prefix).</summary>
    /// <param name="spec">The layer tokens, e.g. <c>8c5-p2-16c5-p2-fc10</c>.</param>
    /// <param name="input">Image channels, height and width.</param>
    /// <param name="outputs">Classes (the last layer's width).</param>
    /// <param name="generator">The seeded source of the initial weights.</param>
    /// <param name="dtype">float32 (default) or float64.</param>
    public static Sequential Build(string spec, (int C, int H, int W) input, int outputs, Generator generator, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(generator);
        var body = spec.StartsWith("cnn:", StringComparison.OrdinalIgnoreCase) ? spec[4..] : spec;
        var tokens = body.Split('-', StringSplitOptions.TrimEntries);
        if (body.Length == 0 || tokens.Any(t => t.Length == 0))
        {
            throw new ArgumentException($"cnn spec \"{spec}\": empty layer; write tokens like 8c5-p2-16c5-p2-fc10.");
        }

        var net = new Sequential(new ImageView(input.C, input.H, input.W));
        var (c, h, w) = input;
        var features = -1; // ≥ 0 once flattened
        var activated = false; // the last fc layer's ReLU is already in (a dropout token put it there)
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (t[0] is 'd' or 'D')
            {
                var p = Probability(spec, t);
                if (features < 0)
                {
                    net.Add(new Dropout2d(p, generator.NextUInt64()));
                }
                else
                {
                    if (!activated)
                    {
                        net.Add(new Relu());
                        activated = true;
                    }

                    net.Add(new Dropout(p, generator.NextUInt64()));
                }

                continue;
            }

            if (t.StartsWith("fc", StringComparison.OrdinalIgnoreCase))
            {
                var n = Number(spec, t, t[2..]);
                if (features < 0)
                {
                    net.Add(new FlattenFeatures());
                    features = c * h * w;
                }
                else if (!activated)
                {
                    net.Add(new Relu());
                }

                activated = false;
                if (i == tokens.Length - 1 && n != outputs)
                {
                    throw new ArgumentException($"cnn spec \"{spec}\": the last layer fc{n} must have the class count {outputs} units.");
                }

                net.Add(new Linear(features, n, generator, dtype: dtype));
                features = n;
                continue;
            }

            if (features >= 0)
            {
                throw new ArgumentException($"cnn spec \"{spec}\": \"{t}\" comes after an fc layer; convolutions and pooling go first.");
            }

            var cAt = t.IndexOf('c', StringComparison.OrdinalIgnoreCase);
            if (cAt > 0)
            {
                var filters = Number(spec, t, t[..cAt]);
                var batchNorm = t[^1] is 'b' or 'B';
                var k = Number(spec, t, batchNorm ? t[(cAt + 1)..^1] : t[(cAt + 1)..]);
                if (k > h || k > w)
                {
                    // "same" padding keeps any kernel valid, but a kernel larger than the image is a typo.
                    throw new ArgumentException($"cnn spec \"{spec}\": \"{t}\" has a {k}×{k} kernel on {h}×{w} feature maps.");
                }

                net.Add(new Conv2d(c, filters, k, generator, "same", bias: !batchNorm, dtype: dtype));
                if (batchNorm)
                {
                    net.Add(new BatchNorm2d(filters, dtype: dtype));
                }

                net.Add(new Relu());
                c = filters;
            }
            else if (t[0] is 'p' or 'P' or 'a' or 'A')
            {
                var k = Number(spec, t, t[1..]);
                if (k > h || k > w)
                {
                    throw new ArgumentException($"cnn spec \"{spec}\": \"{t}\" pools {k}×{k} windows of {h}×{w} feature maps.");
                }

                net.Add(t[0] is 'p' or 'P' ? new MaxPool2d(k) : new AvgPool2d(k));
                h /= k;
                w /= k;
            }
            else
            {
                throw new ArgumentException($"cnn spec \"{spec}\": unknown layer \"{t}\"; use NcK (conv), NcKb (conv + batch norm), pK (max-pool), aK (avg-pool), dP (dropout) or fcN (linear).");
            }
        }

        if (features < 0 || !tokens[^1].StartsWith("fc", StringComparison.OrdinalIgnoreCase))
        {
            if (features < 0)
            {
                net.Add(new FlattenFeatures());
                features = c * h * w;
            }
            else if (!activated)
            {
                net.Add(new Relu());
            }

            net.Add(new Linear(features, outputs, generator, dtype: dtype));
        }

        return net;
    }

    /// <summary>True when <paramref name="spec"/> names a convolutional network (starts with <c>cnn:</c>).</summary>
    public static bool IsCnn(string spec) => spec is not null && spec.StartsWith("cnn:", StringComparison.OrdinalIgnoreCase);

    private static double Probability(string spec, string token)
    {
        if (!double.TryParse(token.AsSpan(1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var p) || !(p > 0 && p < 1))
        {
            throw new ArgumentException($"cnn spec \"{spec}\": \"{token}\" needs a dropout probability in (0, 1), e.g. d0.25.");
        }

        return p;
    }

    private static int Number(string spec, string token, string digits)
    {
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            throw new ArgumentException($"cnn spec \"{spec}\": \"{token}\" needs a whole number ≥ 1 where it has \"{digits}\".");
        }

        return n;
    }
}
