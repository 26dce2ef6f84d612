using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Data;
using Gradwire.IO;
using Gradwire.Manifold;

namespace Gradwire.Cli.Tsne;

/// <summary>The body of <c>gradwire tsne</c>: checks the options, loads the points, embeds them, writes what was asked.</summary>
internal static class TsneRun
{
    private const int TrustworthinessK = 10;

    public static int Run(CliConsole console, TsneCommandOptions o)
    {
        var (method, init) = Check(o);
        var split = DatasetRegistry.Load(o.Data, new DatasetOptions { DataDir = o.DataDir, Seed = o.Seed });
        var points = TsnePoints.Load(split, o.Count, o.Data);
        var source = $"{o.Data}";
        if (ModelPath(o.Features) is { } modelPath)
        {
            points = TsneModelFeatures.Apply(points, split.Test.SampleShape, modelPath, o.Data);
            source = $"{o.Data} through {Path.GetFileName(modelPath)}";
        }

        if (points.Count < 2)
        {
            throw new UsageException($"tsne: needs at least 2 points, got --n {points.Count}.");
        }

        if (o.Perplexity >= points.Count)
        {
            throw new UsageException(
                $"tsne: --perplexity {Text(o.Perplexity)} must be below the number of points ({points.Count}); try {Text(Math.Max(1, (points.Count - 1) / 3))}.");
        }

        var options = new TsneOptions
        {
            Perplexity = o.Perplexity,
            Theta = o.Theta,
            Iterations = o.Iterations,
            LearningRate = o.LearningRate,
            PcaComponents = o.Pca < points.Dimensions ? o.Pca : 0,
            Method = method,
            Init = init,
            Seed = (ulong)o.Seed,
            Threads = o.Threads,
            Progress = o.Json ? null : (it, kl) => console.Error.WriteLine($"iteration {it}/{o.Iterations}  KL {Text(kl)}"),
        };
        if (!o.Json)
        {
            console.Error.WriteLine(
                $"t-SNE ({o.Method}) of {points.Count} points × {points.Dimensions} features of {source}"
                + (options.PcaComponents > 0 ? $", PCA to {options.PcaComponents} first" : "") + $", perplexity {Text(o.Perplexity)}");
        }

        var clock = Stopwatch.StartNew();
        var result = Manifold.Tsne.Fit(points.Features, points.Count, points.Dimensions, options);
        var seconds = clock.Elapsed.TotalSeconds;
        var trust = o.Trustworthiness
            ? Trustworthiness.Compute(points.Features, points.Dimensions, result.Embedding, 2, TrustworthinessK, o.Threads)
            : double.NaN;
        if (o.Out is not null)
        {
            AtomicFile.WriteAllText(o.Out, Csv(result.Embedding, points));
        }

        if (o.Plot is not null)
        {
            TsnePlot.Write(o.Plot, result.Embedding, points, $"t-SNE of {points.Count} {source} points (KL {result.KlDivergence:F3})");
        }

        if (o.Json)
        {
            var json = new JsonObject
            {
                ["kl"] = JsonOutput.Number(result.KlDivergence),
                ["seconds"] = JsonOutput.Number(seconds),
                ["n"] = points.Count,
                ["dimensions"] = points.Dimensions,
                ["pca"] = options.PcaComponents,
                ["method"] = o.Method,
                ["perplexity"] = JsonOutput.Number(o.Perplexity),
                ["theta"] = JsonOutput.Number(o.Theta),
                ["iterations"] = result.Iterations,
                ["learning_rate"] = JsonOutput.Number(result.LearningRate),
                ["threads"] = o.Threads,
                ["seed"] = o.Seed,
                ["features"] = o.Features,
            };
            if (o.Trustworthiness)
            {
                json["trustworthiness"] = JsonOutput.Number(trust);
                json["trustworthiness_k"] = TrustworthinessK;
            }

            JsonOutput.Write(console.Out, json);
        }
        else
        {
            console.Out.WriteLine($"KL divergence {Text(result.KlDivergence)} after {result.Iterations} iterations, {seconds:F1} s, {points.Count} points");
            if (o.Trustworthiness)
            {
                console.Out.WriteLine($"trustworthiness (k = {TrustworthinessK}) {Text(trust)}");
            }

            if (o.Plot is not null)
            {
                console.Out.WriteLine($"plot written to {o.Plot}");
            }

            if (o.Out is not null)
            {
                console.Out.WriteLine($"coordinates written to {o.Out}");
            }
        }

        return ExitCodes.Ok;
    }

    private static (TsneMethod Method, TsneInit Init) Check(TsneCommandOptions o)
    {
        if (!o.Features.Equals("raw", StringComparison.OrdinalIgnoreCase) && ModelPath(o.Features) is null)
        {
            throw new UsageException($"tsne: --features {CliText.Quote(o.Features, 200)}: use raw (the dataset's own features) or model:FILE (a checkpoint's penultimate layer).");
        }

        if (o.Count is < 2)
        {
            throw new UsageException($"tsne: --n must be at least 2, got {o.Count}.");
        }

        if (!(o.Perplexity > 0) || !double.IsFinite(o.Perplexity))
        {
            throw new UsageException($"tsne: --perplexity must be positive, got {Text(o.Perplexity)}.");
        }

        if (!(o.Theta >= 0) || !double.IsFinite(o.Theta))
        {
            throw new UsageException($"tsne: --theta must be ≥ 0, got {Text(o.Theta)}.");
        }

        if (o.Iterations < 0)
        {
            throw new UsageException($"tsne: --iterations must be ≥ 0, got {o.Iterations}.");
        }

        if (o.LearningRate is { } lr && !(lr > 0))
        {
            throw new UsageException($"tsne: --learning-rate must be positive, got {Text(lr)}.");
        }

        if (o.Pca < 0)
        {
            throw new UsageException($"tsne: --pca must be ≥ 0 (0: off), got {o.Pca}.");
        }

        if (o.Threads < 1)
        {
            throw new UsageException($"tsne: --threads must be at least 1, got {o.Threads}.");
        }

        var method = o.Method.ToLowerInvariant() switch
        {
            "barnes-hut" or "bh" => TsneMethod.BarnesHut,
            "exact" => TsneMethod.Exact,
            _ => throw new UsageException($"tsne: --method {CliText.Quote(o.Method, 200)}: use barnes-hut or exact."),
        };
        var init = o.Init.ToLowerInvariant() switch
        {
            "pca" => TsneInit.Pca,
            "random" => TsneInit.Random,
            _ => throw new UsageException($"tsne: --init {CliText.Quote(o.Init, 200)}: use pca or random."),
        };
        return (method, init);
    }

    private static string Csv(double[] embedding, TsnePoints points)
    {
        var text = new StringBuilder("x,y,label\n");
        for (var i = 0; i < points.Count; i++)
        {
            text.Append(embedding[2 * i].ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(embedding[2 * i + 1].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            if (points.Labels[i] >= 0)
            {
                text.Append(points.Labels[i].ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The checkpoint path of <c>--features model:FILE</c>, or null for any other value.</summary>
    private static string? ModelPath(string features) =>
        features.StartsWith("model:", StringComparison.OrdinalIgnoreCase) && features.Length > "model:".Length ? features["model:".Length..] : null;

    private static string Text(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
