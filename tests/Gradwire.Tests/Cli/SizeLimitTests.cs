namespace Gradwire.Tests.Cli;

/// <summary>Issue 12 §4/§5: sizes that cannot be allocated are refused with a message naming the option.</summary>
public sealed class SizeLimitTests
{
    [Theory]
    [InlineData("add", "2147483647")]
    [InlineData("softmax", "2147483647")]
    [InlineData("matmul", "46341")] // 46341² overflows an int
    [InlineData("matmul", "46000")] // fits an array, but 3 × 46000² floats is 25 GB
    public void A_bench_size_that_cannot_be_allocated_is_refused_naming_the_option(string kernel, string n)
    {
        // Only where 25 GB is more than this machine may use (else the benchmark would really run).
        if (n == "46000" && Gradwire.Cli.Infrastructure.MemoryBudget.AvailableBytes * 0.8 >= 3.0 * 46000 * 46000 * 4) return;
        var args = kernel == "softmax" ? new[] { "bench", kernel, "--n", n, "--cols", "1" } : ["bench", kernel, "--n", n];
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"bench {kernel}: --n {n}", result.Error);
        Assert.DoesNotContain("overflow", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void A_hessian_of_70000_variables_is_refused_with_a_message()
    {
        var at = string.Join(",", Enumerable.Range(0, 70_000).Select(i => $"x{i}=1"));
        var result = CliRunner.Run("grad", "x0*x1", "--at", at, "--hessian");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("grad --hessian: with 70000 variables", result.Error);
        Assert.Contains("GiB", result.Error);
    }
}
