using Gradwire.Data;
using Gradwire.IO;
using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Training;
using ScottPlot;
using SkiaSharp;

namespace Gradwire.Cli.Train;

/// <summary>
/// <c>--plot FILE.png</c>: the loss and accuracy curves per epoch and, for 2-D inputs, the decision regions of
/// the trained classifier under the training points (the picture ConvNetJS's 2-D demo made famous), side by
/// side in one PNG, written atomically.
/// </summary>
internal static class TrainPlot
{
    private const int Width = 640;
    private const int Height = 480;
    private const int Grid = 120;

    public static void Write(string path, Trainer trainer, DatasetSplit split, Loss loss, IReadOnlyList<double> testAccuracies)
    {
        var panels = new List<byte[]> { Curves(trainer, testAccuracies) };
        if (split.Train.SampleSize == 2 && split.Train.TargetKind == TargetKind.ClassLabels)
        {
            panels.Add(Regions(trainer.Model, loss, split.Train));
        }

        AtomicFile.WriteAllBytes(path, Compose(panels));
    }

    private static byte[] Curves(Trainer trainer, IReadOnlyList<double> testAccuracies)
    {
        var plot = new Plot();
        var history = trainer.History;
        var epochs = history.Select(h => (double)(h.Epoch + 1)).ToArray();
        var lossLine = plot.Add.Scatter(epochs, history.Select(h => h.TrainLoss).ToArray());
        lossLine.LegendText = "training loss";
        plot.YLabel("loss");
        plot.XLabel("epoch");
        if (history.Count > 0 && !double.IsNaN(history[0].TrainAccuracy))
        {
            var train = plot.Add.Scatter(epochs, history.Select(h => h.TrainAccuracy).ToArray());
            train.LegendText = "training accuracy";
            train.Axes.YAxis = plot.Axes.Right;
            // A resumed run has no test accuracy (NaN) for the epochs before the checkpoint: plot the ones it has.
            var measured = testAccuracies.Count == history.Count
                ? Enumerable.Range(0, history.Count).Where(i => !double.IsNaN(testAccuracies[i])).ToArray()
                : [];
            if (measured.Length > 0)
            {
                var test = plot.Add.Scatter(measured.Select(i => epochs[i]).ToArray(), measured.Select(i => testAccuracies[i]).ToArray());
                test.LegendText = "test accuracy";
                test.Axes.YAxis = plot.Axes.Right;
            }

            plot.Axes.Right.Label.Text = "accuracy";
        }

        var markers = history.Count > 40 ? 0 : 5;
        foreach (var line in plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>())
        {
            line.MarkerSize = markers;
        }

        plot.Title("training curves");
        plot.ShowLegend();
        return plot.GetImage(Width, Height).GetImageBytes(ImageFormat.Png);
    }

    private static byte[] Regions(Module<Tensor, Tensor> model, Loss loss, Dataset data)
    {
        var features = data.Features;
        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        for (var i = 0; i < data.Count; i++)
        {
            minX = Math.Min(minX, features[2 * i]);
            maxX = Math.Max(maxX, features[2 * i]);
            minY = Math.Min(minY, features[2 * i + 1]);
            maxY = Math.Max(maxY, features[2 * i + 1]);
        }

        var padX = (maxX - minX) * 0.1 + 1e-3;
        var padY = (maxY - minY) * 0.1 + 1e-3;
        (minX, maxX, minY, maxY) = (minX - padX, maxX + padX, minY - padY, maxY + padY);

        // Classify every cell centre of a Grid × Grid raster, row 0 at the top.
        var points = new float[Grid * Grid * 2];
        for (var r = 0; r < Grid; r++)
        {
            for (var c = 0; c < Grid; c++)
            {
                points[2 * (r * Grid + c)] = (float)(minX + (c + 0.5) * (maxX - minX) / Grid);
                points[2 * (r * Grid + c) + 1] = (float)(maxY - (r + 0.5) * (maxY - minY) / Grid);
            }
        }

        var classes = new int[Grid * Grid];
        var wasTraining = model.IsTraining;
        model.Eval();
        using (Tensor.NoGrad())
        using (TensorScope.Begin())
        {
            Prediction.Classes(model.Forward(Tensor.FromArray(points, new Shape(Grid * Grid, 2))), classes, Prediction.Threshold(loss));
        }

        model.Train(wasTraining);
        var k = Math.Max(data.ClassCount, 2);
        var intensities = new double[Grid, Grid];
        for (var r = 0; r < Grid; r++)
        {
            for (var c = 0; c < Grid; c++)
            {
                intensities[r, c] = classes[r * Grid + c];
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Extent = new CoordinateRect(minX, maxX, minY, maxY);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Opacity = 0.35;
        heatmap.ManualRange = new ScottPlot.Range(0, k - 1);
        var labels = data.Labels;
        for (var cls = 0; cls < k; cls++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < data.Count; i++)
            {
                if (labels[i] == cls)
                {
                    xs.Add(features[2 * i]);
                    ys.Add(features[2 * i + 1]);
                }
            }

            var points2 = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
            points2.Color = new ScottPlot.Colormaps.Viridis().GetColor(k == 1 ? 0 : (double)cls / (k - 1));
            points2.MarkerSize = 6;
            points2.LegendText = data.ClassNames is { } names && cls < names.Count ? names[cls] : $"class {cls}";
        }

        plot.Axes.SetLimits(minX, maxX, minY, maxY);
        plot.Title("decision regions (training points)");
        plot.ShowLegend();
        return plot.GetImage(Width, Height).GetImageBytes(ImageFormat.Png);
    }

    private static byte[] Compose(List<byte[]> panels)
    {
        if (panels.Count == 1)
        {
            return panels[0];
        }

        using var bitmap = new SKBitmap(Width * panels.Count, Height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            for (var i = 0; i < panels.Count; i++)
            {
                using var panel = SKBitmap.Decode(panels[i]);
                canvas.DrawBitmap(panel, i * Width, 0);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
