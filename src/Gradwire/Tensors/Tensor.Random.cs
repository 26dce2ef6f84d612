namespace Gradwire.Tensors;

/// <summary>Which fan an initializer scales by.</summary>
public enum FanMode
{
    /// <summary>Inputs per output unit: keeps forward activations' variance.</summary>
    FanIn,

    /// <summary>Outputs per input unit: keeps backward gradients' variance.</summary>
    FanOut,
}

public sealed partial class Tensor
{
    /// <summary>Uniform in [<paramref name="low"/>, <paramref name="high"/>), drawn from <paramref name="generator"/>.</summary>
    public static Tensor Uniform(Shape shape, Generator generator, double low = 0, double high = 1, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var t = Empty(shape.Array, dtype);
        var width = high - low;
        for (var i = 0; i < t.Numel; i++)
        {
            t.SetFlat(i, low + width * generator.NextDouble());
        }

        return t;
    }

    /// <summary>Normal with the given <paramref name="mean"/> and standard deviation <paramref name="std"/>.</summary>
    public static Tensor Normal(Shape shape, Generator generator, double mean = 0, double std = 1, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var t = Empty(shape.Array, dtype);
        for (var i = 0; i < t.Numel; i++)
        {
            t.SetFlat(i, mean + std * generator.NextNormal());
        }

        return t;
    }

    /// <summary>1 with probability <paramref name="p"/>, else 0 (dropout masks).</summary>
    public static Tensor Bernoulli(Shape shape, Generator generator, double p, DType dtype = DType.Float32)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), $"bernoulli: p must be in [0, 1], not {p}.");
        }

        var t = Empty(shape.Array, dtype);
        for (var i = 0; i < t.Numel; i++)
        {
            t.SetFlat(i, generator.NextDouble() < p ? 1 : 0);
        }

        return t;
    }

    /// <summary>
    /// Xavier/Glorot uniform: U(−a, a) with <c>a = gain · √(6 / (fanIn + fanOut))</c>. Fans as in PyTorch: for
    /// shape [out, in, k...] fanIn = in·k..., fanOut = out·k....
    /// </summary>
    public static Tensor XavierUniform(Shape shape, Generator generator, double gain = 1, DType dtype = DType.Float32)
    {
        var (fanIn, fanOut) = Fans("xavier_uniform", shape);
        var bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform(shape, generator, -bound, bound, dtype);
    }

    /// <summary>Xavier/Glorot normal: N(0, σ²) with <c>σ = gain · √(2 / (fanIn + fanOut))</c>.</summary>
    public static Tensor XavierNormal(Shape shape, Generator generator, double gain = 1, DType dtype = DType.Float32)
    {
        var (fanIn, fanOut) = Fans("xavier_normal", shape);
        return Normal(shape, generator, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), dtype);
    }

    /// <summary>
    /// Kaiming/He uniform: U(−b, b) with <c>b = gain · √(3 / fan)</c>, <c>gain = √(2 / (1 + negativeSlope²))</c>
    /// (√2 for ReLU).
    /// </summary>
    public static Tensor KaimingUniform(
        Shape shape, Generator generator, double negativeSlope = 0, FanMode mode = FanMode.FanIn, DType dtype = DType.Float32)
    {
        var (fanIn, fanOut) = Fans("kaiming_uniform", shape);
        var gain = Math.Sqrt(2.0 / (1 + negativeSlope * negativeSlope));
        var bound = gain * Math.Sqrt(3.0 / (mode == FanMode.FanIn ? fanIn : fanOut));
        return Uniform(shape, generator, -bound, bound, dtype);
    }

    /// <summary>Kaiming/He normal: N(0, σ²) with <c>σ = gain / √fan</c>, <c>gain = √(2 / (1 + negativeSlope²))</c>.</summary>
    public static Tensor KaimingNormal(
        Shape shape, Generator generator, double negativeSlope = 0, FanMode mode = FanMode.FanIn, DType dtype = DType.Float32)
    {
        var (fanIn, fanOut) = Fans("kaiming_normal", shape);
        var gain = Math.Sqrt(2.0 / (1 + negativeSlope * negativeSlope));
        return Normal(shape, generator, 0, gain / Math.Sqrt(mode == FanMode.FanIn ? fanIn : fanOut), dtype);
    }

    private static (double FanIn, double FanOut) Fans(string op, Shape shape)
    {
        if (shape.Rank < 2)
        {
            throw new ArgumentException($"{op}: shape {shape} has fewer than 2 axes, so fan-in and fan-out are undefined (use [out, in]).");
        }

        double receptive = 1;
        for (var i = 2; i < shape.Rank; i++)
        {
            receptive *= shape[i];
        }

        var fanIn = shape[1] * receptive;
        var fanOut = shape[0] * receptive;
        if (fanIn == 0 || fanOut == 0)
        {
            throw new ArgumentException($"{op}: shape {shape} has a zero fan.");
        }

        return (fanIn, fanOut);
    }
}
