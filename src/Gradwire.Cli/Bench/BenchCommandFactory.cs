using System.CommandLine;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli.Bench;

/// <summary><c>gradwire bench KERNEL</c>: the kernels are the factories whose parent is <c>bench</c>.</summary>
internal sealed class BenchCommandFactory : ICommandFactory
{
    public string Parent => "";

    public Command Create(CliConsole console) =>
        new("bench", "Measure a kernel or a workload and print its figures (--json for one JSON object).");
}
