using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Cli.Train;
using Gradwire.Data;
using Gradwire.Training;

namespace Gradwire.Cli.Predict;

/// <summary>The body of <c>gradwire predict</c>.</summary>
internal static class PredictRun
{
    private const string CsvPrefix = "csv:";

    public static int Run(CliConsole console, PredictOptions o)
    {
        if ((o.Data is null) == (o.Inputs.Length == 0))
        {
            throw new UsageException("predict: give the samples with --data csv:PATH or with --input 1.5,2,3 (one of them).");
        }

        if (o.Top is < 1)
        {
            throw new UsageException($"predict: --top must be at least 1, got {o.Top}.");
        }

        if (!File.Exists(o.Model))
        {
            throw new UsageException(Directory.Exists(o.Model)
                ? $"predict: --model {CliText.Quote(o.Model, 200)} is a directory, not a checkpoint file."
                : $"predict: --model: checkpoint {CliText.Quote(o.Model, 200)} does not exist.");
        }

        var predictor = Predictor.Load(o.Model);
        var (values, rows) = o.Data is not null ? ReadCsv(o, predictor) : ParseInputs(o.Inputs, predictor.SampleSize);
        var outputs = predictor.Predict(values, rows);
        var info = predictor.Info;
        var scores = outputs.ToFloatArray();
        var width = scores.Length / rows;
        var probabilities = predictor.Probabilities(outputs)?.ToFloatArray();
        var classes = info.Task == TargetKind.ClassLabels ? predictor.Classes(outputs) : null;
        var classCount = probabilities is null ? 0 : probabilities.Length / rows;
        var order = new int[classCount];
        for (var r = 0; r < rows; r++)
        {
            if (classes is null)
            {
                var row = scores.AsSpan(r * width, width);
                if (o.Json)
                {
                    JsonNode? prediction = width == 1 ? Number(row[0]) : Array(row);
                    JsonOutput.Write(console.Out, new JsonObject { ["prediction"] = prediction });
                }
                else
                {
                    console.Out.WriteLine(string.Join(", ", row.ToArray().Select(v => v.ToString("G6", CultureInfo.InvariantCulture))));
                }

                continue;
            }

            var name = predictor.ClassName(classes[r]);
            if (probabilities is null)
            {
                if (o.Json)
                {
                    JsonOutput.Write(console.Out, new JsonObject { ["prediction"] = name });
                }
                else
                {
                    console.Out.WriteLine(CliText.Escape(name));
                }

                continue;
            }

            var p = probabilities.AsSpan(r * classCount, classCount);
            for (var k = 0; k < classCount; k++)
            {
                order[k] = k;
            }

            // Most probable first; ties keep class order.
            var pr = p.ToArray();
            System.Array.Sort(order, (a, b) => pr[b] != pr[a] ? pr[b].CompareTo(pr[a]) : a.CompareTo(b));
            var shown = Math.Min(o.Top ?? (o.Json ? classCount : 3), classCount);
            if (o.Json)
            {
                var map = new JsonObject();
                for (var k = 0; k < shown; k++)
                {
                    map[predictor.ClassName(order[k])] = Number(pr[order[k]]);
                }

                JsonOutput.Write(console.Out, new JsonObject { ["prediction"] = name, ["probabilities"] = map });
            }
            else
            {
                var line = new StringBuilder(CliText.Escape(name));
                line.Append("  (");
                for (var k = 0; k < shown; k++)
                {
                    line.Append(k == 0 ? "" : ", ").Append(CliText.Escape(predictor.ClassName(order[k]))).Append(' ')
                        .Append(pr[order[k]].ToString("F4", CultureInfo.InvariantCulture));
                }

                console.Out.WriteLine(line.Append(')').ToString());
            }
        }

        return ExitCodes.Ok;
    }

    private static JsonArray Array(ReadOnlySpan<float> values)
    {
        var array = new JsonArray();
        foreach (var v in values)
        {
            array.Add(Number(v));
        }

        return array;
    }

    // A float as JSON with its own shortest digits (0.0712, not 0.07119999825954437).
    private static JsonNode? Number(float value) =>
        JsonOutput.Number(double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    private static (float[] Values, int Rows) ParseInputs(string[] inputs, int size)
    {
        var values = new List<float>();
        foreach (var input in inputs)
        {
            var fields = input.Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length != size)
            {
                throw new UsageException($"predict: --input {CliText.Quote(input, 80)} has {fields.Length} values; the model takes {size}.");
            }

            foreach (var f in fields)
            {
                if (!float.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !float.IsFinite(v))
                {
                    throw new UsageException($"predict: --input {CliText.Quote(input, 80)}: {CliText.Quote(f, 40)} is not a finite number.");
                }

                values.Add(v);
            }
        }

        return ([.. values], inputs.Length);
    }

    private static (float[] Values, int Rows) ReadCsv(PredictOptions o, Predictor predictor)
    {
        if (!o.Data!.StartsWith(CsvPrefix, StringComparison.OrdinalIgnoreCase) || o.Data.Length == CsvPrefix.Length)
        {
            throw new UsageException($"predict: --data takes csv:PATH, not {CliText.Quote(o.Data, 200)}.");
        }

        var path = o.Data[CsvPrefix.Length..];
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CSV file '{path}' does not exist.", path);
        }

        var csv = new CsvOptions { HasHeader = !o.NoHeader, SkipRows = o.SkipRows, Separator = TrainData.ParseSeparator(o.Separator, "predict") };
        var size = predictor.SampleSize;
        var columns = CsvDataset.Columns(path, csv);
        // The training columns by name when the file has them (its target column, if present, is left out; without a
        // header both sides name them column1, column2, …) …
        if (predictor.Info.FeatureNames is { } names && names.All(columns.Contains))
        {
            var (_, values, rows) = CsvDataset.LoadFeatures(path, csv, names);
            return (values, rows);
        }

        // … else every column, which must be exactly the features.
        if (columns.Count != size)
        {
            throw new UsageException(
                $"predict: {CliText.Quote(path, 200)} has {columns.Count} columns; the model takes {size} features" +
                (predictor.Info.FeatureNames is { } n ? $" (named {CliText.Quote(string.Join(", ", n), 200)} in training)" : "") +
                ". Give a file with those columns by name, or with exactly the features.");
        }

        var all = CsvDataset.LoadFeatures(path, csv);
        return (all.Values, all.Rows);
    }
}
