using System.Runtime.CompilerServices;
using Gradwire.Tensors;

namespace Gradwire.Tests.Api;

/// <summary>
/// The shipped public surface of the <c>Gradwire</c> assembly is PublicApi.txt: a change to it is deliberate and
/// shows in review as a diff of that file.
/// </summary>
public sealed class PublicApiTests
{
    /// <summary>The command that rewrites PublicApi.txt from the built assembly.</summary>
    public const string UpdateCommand =
        "GRADWIRE_UPDATE_API=1 dotnet test tests/Gradwire.Tests -c Release --filter \"FullyQualifiedName~Gradwire.Tests.Api\"";

    private static string SnapshotPath([CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "PublicApi.txt");

    [Fact]
    public void Public_surface_of_the_Gradwire_assembly_matches_the_snapshot()
    {
        var assembly = typeof(Tensor).Assembly;
        Assert.Equal("Gradwire", assembly.GetName().Name);
        var actual = PublicApi.Lines(assembly);
        var path = SnapshotPath();
        if (Environment.GetEnvironmentVariable("GRADWIRE_UPDATE_API") == "1")
        {
            File.WriteAllText(path, string.Join('\n', actual) + "\n");
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing. Generate it with:\n  {UpdateCommand}");
        var expected = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var removed = expected.Except(actual, StringComparer.Ordinal).ToList();
        var added = actual.Except(expected, StringComparer.Ordinal).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return;
        }

        var diff = string.Join('\n', removed.Select(l => "- " + l).Concat(added.Select(l => "+ " + l)).Take(200));
        Assert.Fail(
            $"The public API of Gradwire changed ({removed.Count} lines removed, {added.Count} added; first 200 below).\n" +
            $"If the change is deliberate, regenerate tests/Gradwire.Tests/Api/PublicApi.txt and commit it:\n  {UpdateCommand}\n{diff}");
    }

    [Fact]
    public void Snapshot_lines_name_types_as_CSharp_writes_them()
    {
        Assert.Equal("System.Collections.Generic.IReadOnlyList<double>", PublicApi.Name(typeof(IReadOnlyList<double>)));
        Assert.Equal("int?[]", PublicApi.Name(typeof(int?[])));
        Assert.Equal("float[,]", PublicApi.Name(typeof(float[,])));
        var lines = PublicApi.Lines(typeof(Tensor).Assembly);
        Assert.Contains("Gradwire.Tensors.Tensor : public sealed class : System.IDisposable", lines);
        Assert.Contains(lines, l => l.StartsWith("Gradwire.Tensors.Tensor::Relu() -> Gradwire.Tensors.Tensor", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Parallelism", StringComparison.Ordinal));
        Assert.Equal(lines.OrderBy(l => l, StringComparer.Ordinal), lines);
    }
}
