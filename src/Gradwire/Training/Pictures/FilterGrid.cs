using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Training.Pictures;

/// <summary>
/// The filters of a network's first convolution as image tiles: <see cref="Count"/> filters of
/// <see cref="Channels"/> × <see cref="Height"/> × <see cref="Width"/> values, each filter scaled on its own to [0, 1]
/// (<c>(w − min_f) / (max_f − min_f)</c>; a constant filter is 0.5), so that every tile uses the whole grey range.
/// </summary>
/// <param name="Name">The weight's dotted name (e.g. <c>"0.weight"</c>).</param>
/// <param name="Count">Filters (the weight's first axis).</param>
/// <param name="Channels">Input channels per filter.</param>
/// <param name="Height">Kernel height.</param>
/// <param name="Width">Kernel width.</param>
/// <param name="Values">Row-major <c>[Count, Channels, Height, Width]</c> values in [0, 1].</param>
public sealed record FilterGrid(string Name, int Count, int Channels, int Height, int Width, float[] Values)
{
    /// <summary>
    /// The first parameter named <c>weight</c> with four axes <c>[out, in, kh, kw]</c> (a 2-D convolution's layout),
    /// in <see cref="Module.NamedParameters"/> order, or null when the model has none (no conv layer).
    /// </summary>
    public static FilterGrid? FirstConvolution(Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var (name, parameter) in model.NamedParameters())
        {
            var w = parameter.Value;
            if (w.Rank == 4 && (name == "weight" || name.EndsWith(".weight", StringComparison.Ordinal)))
            {
                return From(name, w);
            }
        }

        return null;
    }

    /// <summary>Tiles of the weight <paramref name="weight"/> <c>[out, in, kh, kw]</c>, normalized per filter.</summary>
    /// <exception cref="ArgumentException">The weight does not have four axes.</exception>
    public static FilterGrid From(string name, Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rank != 4)
        {
            throw new ArgumentException($"FilterGrid: '{name}' has shape {weight.Shape}; a conv filter bank is [out, in, kh, kw].", nameof(weight));
        }

        var s = weight.ShapeArray;
        var values = weight.Detach().ToDoubleArray();
        var size = s[1] * s[2] * s[3];
        var tiles = new float[values.Length];
        for (var f = 0; f < s[0]; f++)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (var i = f * size; i < (f + 1) * size; i++)
            {
                min = Math.Min(min, values[i]);
                max = Math.Max(max, values[i]);
            }

            var range = max - min;
            for (var i = f * size; i < (f + 1) * size; i++)
            {
                tiles[i] = range > 0 ? (float)((values[i] - min) / range) : 0.5f;
            }
        }

        return new FilterGrid(name, s[0], s[1], s[2], s[3], tiles);
    }
}
