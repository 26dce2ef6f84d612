using System.Runtime.CompilerServices;
using System.Text.Json;
using Gradwire.Tests.Cli;

namespace Gradwire.Tests.Scalars;

/// <summary>
/// Golden values from PyTorch 1.13 in float64 (Golden/scalar_golden.jsonl, made by Golden/make_scalar_golden.py):
/// random expressions over the whole op table, each with its value, gradient and Hessian, checked through
/// <c>gradwire grad --hessian --json</c> at 1e-9 relative.
/// </summary>
public sealed class PyTorchGoldenTests
{
    private const double Relative = 1e-9;
    private const double Absolute = 1e-12;

    private static string GoldenPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "Golden", "scalar_golden.jsonl");

    [Fact]
    public void Every_golden_expression_matches_pytorch_in_value_gradient_and_hessian()
    {
        var lines = File.ReadAllLines(GoldenPath());
        using var header = JsonDocument.Parse(lines[0]);
        Assert.Equal(1, header.RootElement.GetProperty("version").GetInt32());
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var line in lines.Skip(1))
        {
            using var golden = JsonDocument.Parse(line);
            var root = golden.RootElement;
            var expression = root.GetProperty("expression").GetString()!;
            var at = string.Join(",", root.GetProperty("at").EnumerateObject()
                .Select(p => $"{p.Name}={p.Value.GetDouble():R}"));
            var result = CliRunner.Run("grad", expression, "--at", at, "--hessian", "--json");
            if (result.ExitCode != 0)
            {
                failures.Add($"{expression} at {at}: exit {result.ExitCode}: {result.Error}");
                continue;
            }

            using var ours = JsonDocument.Parse(result.Out);
            Compare(expression, "value", root.GetProperty("value"), ours.RootElement.GetProperty("value"), failures);
            foreach (var g in root.GetProperty("grad").EnumerateObject())
            {
                Compare(expression, $"grad.{g.Name}", g.Value, ours.RootElement.GetProperty("grad").GetProperty(g.Name), failures);
                foreach (var h in root.GetProperty("hessian").GetProperty(g.Name).EnumerateObject())
                {
                    Compare(expression, $"hessian.{g.Name}.{h.Name}", h.Value,
                        ours.RootElement.GetProperty("hessian").GetProperty(g.Name).GetProperty(h.Name), failures);
                }
            }

            checkedCount++;
        }

        Assert.True(checkedCount >= 300, $"only {checkedCount} golden expressions");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    private static void Compare(string expression, string what, JsonElement expected, JsonElement actual, List<string> failures)
    {
        var e = expected.GetDouble();
        var a = actual.GetDouble();
        if (!(Math.Abs(a - e) <= Relative * Math.Abs(e) + Absolute))
        {
            failures.Add($"{expression}: {what} = {a:R}, PyTorch {e:R}");
        }
    }
}
