using System.Runtime.CompilerServices;
using System.Text.Json;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>
/// Every loss × every option (reduction, class weights, ignore index, label smoothing, K-dimensional inputs,
/// probability targets, pos_weight, KL's log_target and batchmean, Huber's δ, smooth L1's β) against PyTorch 1.13
/// in float64: value and input gradient. The cases are in <c>goldens/loss_goldens.jsonl</c>, written by
/// <c>goldens/make_loss_goldens.py</c> (rerun it to regenerate).
/// </summary>
public sealed class LossOptionGoldenTests
{
    private const double Tolerance = 1e-12;

    private static string GoldenPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "goldens", "loss_goldens.jsonl");

    private static Tensor Read(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, new Shape(shape));
    }

    private static Reduction ReductionOf(JsonElement options) => options.GetProperty("reduction").GetString() switch
    {
        "mean" => Reduction.Mean,
        "sum" => Reduction.Sum,
        "none" => Reduction.None,
        "batchmean" => Reduction.BatchMean,
        var other => throw new InvalidDataException($"unknown reduction {other}"),
    };

    private static Loss Build(JsonElement c)
    {
        var o = c.GetProperty("options");
        var reduction = ReductionOf(o);
        Tensor? weight = c.TryGetProperty("weight", out var w) ? Read(w) : null;
        Tensor? posWeight = c.TryGetProperty("pos_weight", out var p) ? Read(p) : null;
        return c.GetProperty("loss").GetString() switch
        {
            "cross_entropy" => new CrossEntropyLoss(weight, o.GetProperty("ignore_index").GetInt32(), reduction, o.GetProperty("label_smoothing").GetDouble()),
            "nll" => new NllLoss(weight, o.GetProperty("ignore_index").GetInt32(), reduction),
            "bce_with_logits" => new BceWithLogitsLoss(weight, posWeight, reduction),
            "mse" => new MseLoss(reduction),
            "l1" => new L1Loss(reduction),
            "huber" => new HuberLoss(o.GetProperty("delta").GetDouble(), reduction),
            "smooth_l1" => new SmoothL1Loss(o.GetProperty("beta").GetDouble(), reduction),
            "kl_div" => new KlDivLoss(reduction, o.GetProperty("log_target").GetBoolean()),
            "hinge" => new HingeLoss(squared: false, o.GetProperty("margin").GetDouble(), reduction),
            "squared_hinge" => new HingeLoss(squared: true, o.GetProperty("margin").GetDouble(), reduction),
            "multiclass_svm" => new MulticlassSvmLoss(o.GetProperty("margin").GetDouble(), reduction),
            var other => throw new InvalidDataException($"unknown loss {other}"),
        };
    }

    private static void Compare(string what, Tensor expected, Tensor actual, List<string> failures)
    {
        if (expected.Shape != actual.Shape)
        {
            failures.Add($"{what}: shape {actual.Shape}, PyTorch {expected.Shape}");
            return;
        }

        var e = expected.ToDoubleArray();
        var a = actual.ToDoubleArray();
        for (var i = 0; i < e.Length; i++)
        {
            if (!(Math.Abs(e[i] - a[i]) <= Tolerance * Math.Max(1, Math.Abs(e[i]))))
            {
                failures.Add($"{what}[{i}]: {a[i]:R}, PyTorch {e[i]:R}");
                return;
            }
        }
    }

    [Fact]
    public void Every_loss_and_option_matches_pytorch_in_value_and_input_gradient()
    {
        var lines = File.ReadAllLines(GoldenPath());
        using (var header = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal(1, header.RootElement.GetProperty("version").GetInt32());
        }

        var failures = new List<string>();
        var seen = new HashSet<string>();
        foreach (var line in lines.Skip(1))
        {
            using var doc = JsonDocument.Parse(line);
            var c = doc.RootElement;
            var name = $"{c.GetProperty("loss").GetString()} {c.GetProperty("options")}";
            seen.Add(c.GetProperty("loss").GetString()!);
            var input = Read(c.GetProperty("input"));
            input.RequiresGrad = true;
            var loss = Build(c).Forward(input, Read(c.GetProperty("target")));
            Compare(name + " value", Read(c.GetProperty("value")), loss, failures);
            (c.TryGetProperty("upstream", out var u) ? (loss * Read(u)).Sum() : loss).Backward();
            Compare(name + " grad", Read(c.GetProperty("grad")), input.Grad!, failures);
        }

        Assert.Equal(11, seen.Count);
        Assert.True(lines.Length > 130, $"only {lines.Length - 1} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(30)));
    }
}
