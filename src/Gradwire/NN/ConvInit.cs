using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// PyTorch's default initialization of a convolution: weight kaiming_uniform with a = √5, which is
/// U(±1/√fan_in), then bias U(±1/√fan_in), fan_in = (in/groups)·kh·kw; drawn in that order from the generator.
/// </summary>
internal static class ConvInit
{
    public static (Tensor Weight, Tensor? Bias) Draw(int[] weightShape, int fanIn, int biasSize, bool bias, Generator generator, DType dtype)
    {
        var w = Tensor.KaimingUniform(new Shape(weightShape), generator, negativeSlope: Math.Sqrt(5), dtype: dtype);
        if (!bias)
        {
            return (w, null);
        }

        var bound = 1 / Math.Sqrt(fanIn);
        return (w, Tensor.Uniform(new Shape(biasSize), generator, -bound, bound, dtype));
    }

    public static void Sizes(string op, int inChannels, int outChannels, int groups)
    {
        if (inChannels < 1 || outChannels < 1 || groups < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inChannels), $"{op}: channels and groups must be ≥ 1, got {inChannels} → {outChannels}, groups={groups}.");
        }

        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"{op}: in_channels ({inChannels}) and out_channels ({outChannels}) must both divide by groups ({groups}).");
        }
    }
}
