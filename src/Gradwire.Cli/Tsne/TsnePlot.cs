using Gradwire.IO;
using ScottPlot;

namespace Gradwire.Cli.Tsne;

/// <summary><c>--plot FILE.png</c>: the 2-D layout as a scatter plot, one colour per class, with a legend of class names.</summary>
internal static class TsnePlot
{
    private const int Width = 1000;
    private const int Height = 800;

    public static void Write(string path, double[] embedding, TsnePoints points, string title)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var marker = points.Count > 20000 ? 1.5f : points.Count > 3000 ? 3 : 5;
        var groups = Math.Max(points.ClassNames.Count, 1);
        for (var c = 0; c < groups; c++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (var i = 0; i < points.Count; i++)
            {
                if (points.ClassNames.Count == 0 || points.Labels[i] == c)
                {
                    xs.Add(embedding[2 * i]);
                    ys.Add(embedding[2 * i + 1]);
                }
            }

            if (xs.Count == 0)
            {
                continue;
            }

            var scatter = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
            scatter.Color = palette.GetColor(c);
            scatter.MarkerSize = marker;
            if (points.ClassNames.Count > 0)
            {
                scatter.LegendText = points.ClassNames[c];
            }
        }

        plot.Title(title);
        plot.HideGrid();
        if (points.ClassNames.Count > 0)
        {
            plot.ShowLegend(Edge.Right);
        }

        AtomicFile.WriteAllBytes(path, plot.GetImage(Width, Height).GetImageBytes(ImageFormat.Png));
    }
}
