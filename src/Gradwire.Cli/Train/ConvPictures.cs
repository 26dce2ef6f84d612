using Gradwire.Data;
using Gradwire.IO;
using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Training.Pictures;
using SkiaSharp;

namespace Gradwire.Cli.Train;

/// <summary>
/// <c>--plot F.png</c> for a model with a conv layer: <c>F.filters.png</c> (the first layer's filters as a grid),
/// <c>F.activations.png</c> (one test image through the network, one row per layer, channels as tiles) and
/// <c>F.mistakes.png</c> (misclassified test images with predicted and true labels), each written atomically.
/// The numbers come from <see cref="FilterGrid"/>, <see cref="ActivationPanel"/> and <see cref="Mistake"/>.
/// </summary>
internal static class ConvPictures
{
    private const int MaxMistakes = 32;
    private const int Margin = 8;

    /// <summary>Writes the three pictures beside <paramref name="plotPath"/>; returns their paths (none without a conv layer).</summary>
    public static IReadOnlyList<string> Write(string plotPath, Module<Tensor, Tensor> model, Dataset test)
    {
        var grid = FilterGrid.FirstConvolution(model);
        if (grid is null || test.Count == 0 || test.SampleShape.Count != 3)
        {
            return [];
        }

        var stem = plotPath[..^".png".Length];
        var written = new List<string>();
        var filters = stem + ".filters.png";
        AtomicFile.WriteAllBytes(filters, Filters(grid));
        written.Add(filters);
        if (model is Sequential sequential)
        {
            var sample = Tensor.FromArray(test.GetFeatures(0), new Shape([.. test.SampleShape]));
            var activations = stem + ".activations.png";
            AtomicFile.WriteAllBytes(activations, Activations(ActivationPanel.Record(sequential, sample)));
            written.Add(activations);
        }

        if (test.TargetKind == TargetKind.ClassLabels)
        {
            var mistakes = stem + ".mistakes.png";
            AtomicFile.WriteAllBytes(mistakes, Mistakes(Mistake.Find(model, test, MaxMistakes), test));
            written.Add(mistakes);
        }

        return written;
    }

    private static byte[] Filters(FilterGrid grid)
    {
        // Each filter's channels averaged into one grey tile, scaled up so that a 5×5 kernel is visible.
        var scale = Math.Max(1, 48 / Math.Max(grid.Height, grid.Width));
        var columns = Math.Min(grid.Count, 8);
        var rows = (grid.Count + columns - 1) / columns;
        var tileW = grid.Width * scale;
        var tileH = grid.Height * scale;
        return Draw(Margin + columns * (tileW + Margin), Margin + rows * (tileH + Margin), canvas =>
        {
            var plane = grid.Height * grid.Width;
            for (var f = 0; f < grid.Count; f++)
            {
                var tile = new float[plane];
                for (var c = 0; c < grid.Channels; c++)
                {
                    for (var i = 0; i < plane; i++)
                    {
                        tile[i] += grid.Values[(f * grid.Channels + c) * plane + i] / grid.Channels;
                    }
                }

                Tile(canvas, tile, grid.Height, grid.Width, Margin + f % columns * (tileW + Margin), Margin + f / columns * (tileH + Margin), scale);
            }
        });
    }

    private static byte[] Activations(IReadOnlyList<ActivationPanel> panels)
    {
        const int label = 18;
        const int maxTiles = 16;
        var width = 640;
        var height = Margin;
        foreach (var p in panels)
        {
            height += label + (p.Shape.Length == 3 ? TileSize(p) : 12) + Margin;
        }

        return Draw(width, height, canvas =>
        {
            using var font = new SKFont(SKTypeface.Default, 13);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            var y = Margin;
            foreach (var p in panels)
            {
                canvas.DrawText($"{p.Index}: {p.Layer}  [{string.Join(", ", p.Shape)}]", Margin, y + 13, font, ink);
                y += label;
                if (p.Shape.Length == 3)
                {
                    var size = TileSize(p);
                    var scale = Math.Max(1, size / Math.Max(p.Shape[1], p.Shape[2]));
                    var plane = p.Shape[1] * p.Shape[2];
                    for (var c = 0; c < Math.Min(p.Shape[0], maxTiles); c++)
                    {
                        Tile(canvas, p.Values.AsSpan(c * plane, plane), p.Shape[1], p.Shape[2], Margin + c * (size + 4), y, scale);
                    }

                    y += size + Margin;
                }
                else
                {
                    // A vector: one grey cell per value, as many as fit in the width.
                    var n = Math.Min(p.Values.Length, (width - 2 * Margin) / 4);
                    Tile(canvas, p.Values.AsSpan(0, n), 1, n, Margin, y, 4, cellHeight: 12);
                    y += 12 + Margin;
                }
            }
        });
    }

    private static int TileSize(ActivationPanel p) => Math.Min(36, Math.Max(p.Shape[1], p.Shape[2]) * Math.Max(1, 36 / Math.Max(p.Shape[1], p.Shape[2])));

    private static byte[] Mistakes(IReadOnlyList<Mistake> mistakes, Dataset test)
    {
        var h = test.SampleShape[1];
        var w = test.SampleShape[2];
        var scale = Math.Max(1, 56 / Math.Max(h, w));
        var cellW = Math.Max(w * scale, 96);
        var cellH = h * scale + 32;
        var columns = 8;
        var rows = Math.Max(1, (mistakes.Count + columns - 1) / columns);
        return Draw(Margin + columns * (cellW + Margin), Margin + rows * (cellH + Margin), canvas =>
        {
            using var font = new SKFont(SKTypeface.Default, 11);
            using var ink = new SKPaint { Color = SKColors.DarkRed, IsAntialias = true };
            var names = test.ClassNames;
            for (var i = 0; i < mistakes.Count; i++)
            {
                var m = mistakes[i];
                var x = Margin + i % columns * (cellW + Margin);
                var y = Margin + i / columns * (cellH + Margin);
                var pixels = test.GetFeatures(m.Index);
                var plane = new float[h * w];
                for (var j = 0; j < plane.Length; j++)
                {
                    plane[j] = pixels[j]; // first channel; MNIST-style pixels are already in [0, 1]
                }

                Tile(canvas, Normalize(plane), h, w, x, y, scale);
                canvas.DrawText($"pred {Name(names, m.Predicted)}", x, y + h * scale + 13, font, ink);
                canvas.DrawText($"true {Name(names, m.Label)}", x, y + h * scale + 27, font, ink);
            }
        });
    }

    private static string Name(IReadOnlyList<string>? names, int label) =>
        names is not null && label < names.Count ? names[label] : label.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static float[] Normalize(float[] values)
    {
        float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
        foreach (var v in values)
        {
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }

        for (var i = 0; i < values.Length; i++)
        {
            values[i] = hi > lo ? (values[i] - lo) / (hi - lo) : 0.5f;
        }

        return values;
    }

    private static void Tile(SKCanvas canvas, ReadOnlySpan<float> values, int rows, int columns, int x, int y, int scale, int cellHeight = 0)
    {
        using var paint = new SKPaint();
        var ch = cellHeight > 0 ? cellHeight : scale;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var g = (byte)Math.Clamp((int)MathF.Round(values[r * columns + c] * 255), 0, 255);
                paint.Color = new SKColor(g, g, g);
                canvas.DrawRect(x + c * scale, y + r * ch, scale, ch, paint);
            }
        }
    }

    private static byte[] Draw(int width, int height, Action<SKCanvas> paint)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            paint(canvas);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
