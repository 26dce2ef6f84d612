using BenchmarkDotNet.Running;
using Gradwire.Bench.SideBySide;

namespace Gradwire.Bench;

/// <summary>
/// <c>side-by-side [options]</c>: Gradwire against TorchSharp in one process (see <see cref="SideBySideRunner"/>).
/// Anything else goes to BenchmarkDotNet, which finds every benchmark class in this assembly, so a new
/// benchmark is one new file (e.g. <c>--filter *Gemm*</c>, <c>--list flat</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "side-by-side")
        {
            return SideBySideRunner.Run(args[1..], Console.Out, Console.Error);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
