using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gradwire.Cli.Bench;
using Gradwire.Kernels;
using TorchSharp;

namespace Gradwire.Bench.SideBySide;

/// <summary>
/// <c>side-by-side [--threads 1,2] [--filter TEXT] [--runs R] [--json]</c>: every case of every
/// <see cref="ISideBySideSuite"/> in this assembly, in Gradwire and in TorchSharp, in one process, with the same
/// thread count on both sides (<c>torch.set_num_threads</c>), plus the machine's FMA peak for each thread count.
/// Each side is warmed up, then the two are timed alternately (so a burst of load elsewhere hits both) and the
/// median of <c>R</c> timed batches is reported; a batch repeats the call for about 50 ms.
/// </summary>
public static class SideBySideRunner
{
    private const double SecondsPerBatch = 0.05;

    /// <summary>Long enough for tier-1 JIT code (about 100 ms of calls, more on a loaded machine) and warm caches.</summary>
    private const double WarmUpSeconds = 0.5;

    private const int CoolDownMilliseconds = 30;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        int[] threadCounts = [1, 2];
        string? filter = null;
        var runs = 7;
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--threads" when i + 1 < args.Length:
                    threadCounts = args[++i].Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
                    break;
                case "--filter" when i + 1 < args.Length:
                    filter = args[++i];
                    break;
                case "--runs" when i + 1 < args.Length:
                    runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--json":
                    json = true;
                    break;
                default:
                    error.WriteLine($"side-by-side: unknown argument '{args[i]}'. Usage: side-by-side [--threads 1,2] [--filter TEXT] [--runs R] [--json]");
                    return 2;
            }
        }

        var suites = typeof(SideBySideRunner).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISideBySideSuite).IsAssignableFrom(t))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (ISideBySideSuite)Activator.CreateInstance(t)!)
            .ToList();

        var rows = new List<Row>();
        var peaks = new Dictionary<int, double>();
        error.WriteLine($"side-by-side: {Environment.ProcessorCount} cores, Gradwire micro-kernel {Gemm.BestKernel}, " +
                        $"TorchSharp {typeof(torch).Assembly.GetName().Version}, load average {LoadAverage()}");
        foreach (var threads in threadCounts)
        {
            torch.set_num_threads(threads);
            var peak = GemmPeakProbe.MeasureGflops(threads);
            peaks[threads] = peak;
            rows.Add(new Row("fp32 FMA peak", threads, null, null, peak * 1e9, peak, null, 100, null));
            foreach (var suite in suites)
            {
                foreach (var testCase in suite.Cases(threads))
                {
                    try
                    {
                        if (filter is not null && !testCase.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)
                                               && !suite.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                        {
                            continue;
                        }

                        error.WriteLine($"  {testCase.Name}, {threads} thread(s)...");
                        var (gradwire, torchSeconds) = Measure(testCase, runs);
                        double? gflops = testCase.Flops > 0 ? testCase.Flops / gradwire / 1e9 : null;
                        double? torchGflops = testCase.Flops > 0 ? testCase.Flops / torchSeconds / 1e9 : null;
                        rows.Add(new Row(testCase.Name, threads, gradwire, torchSeconds, testCase.Flops, gflops,
                            torchGflops, gflops / peak * 100, torchGflops / peak * 100));
                    }
                    finally
                    {
                        (testCase as IDisposable)?.Dispose();
                    }
                }
            }
        }

        if (json)
        {
            output.WriteLine(ToJson(rows, peaks).ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }
        else
        {
            WriteTable(output, rows);
        }

        return 0;
    }

    /// <summary>Warm-up, then alternate timed batches of the two sides; median seconds per call of each.</summary>
    private static (double Gradwire, double Torch) Measure(ISideBySideCase testCase, int runs)
    {
        var gradwireBatch = Calibrate(testCase.RunGradwire);
        var torchBatch = Calibrate(testCase.RunTorch);
        var gradwire = new double[runs];
        var torchTimes = new double[runs];
        for (var r = 0; r < runs; r++)
        {
            CoolDown();
            gradwire[r] = TimeBatch(testCase.RunGradwire, gradwireBatch);
            CoolDown();
            torchTimes[r] = TimeBatch(testCase.RunTorch, torchBatch);
        }

        return (Median(gradwire), Median(torchTimes));
    }

    /// <summary>Runs <paramref name="call"/> for a while (JIT tiers, caches, thread pools) and sizes a batch.</summary>
    private static int Calibrate(Action call)
    {
        var watch = Stopwatch.StartNew();
        var calls = 0;
        while (calls < 3 || watch.Elapsed.TotalSeconds < WarmUpSeconds)
        {
            call();
            calls++;
        }

        return Math.Max(1, (int)(calls * SecondsPerBatch / watch.Elapsed.TotalSeconds));
    }

    /// <summary>
    /// A pause before each timed batch, so worker threads that the other side left spinning (libtorch's OpenMP
    /// team spins for a while after each parallel region; .NET's pool workers do too) have gone to sleep and do
    /// not share a core with the side being timed.
    /// </summary>
    private static void CoolDown() => Thread.Sleep(CoolDownMilliseconds);

    private static double TimeBatch(Action call, int count)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            call();
        }

        return watch.Elapsed.TotalSeconds / count;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values[values.Length / 2];
    }

    private static void WriteTable(TextWriter output, List<Row> rows)
    {
        string[] header = ["case", "threads", "Gradwire", "TorchSharp", "speed-up", "Gradwire GFLOP/s", "Torch GFLOP/s",
            "Gradwire % peak", "Torch % peak"];
        var cells = rows.Select(r => new[]
        {
            r.Case, r.Threads.ToString(CultureInfo.InvariantCulture), Time(r.GradwireSeconds), Time(r.TorchSeconds),
            r.GradwireSeconds is { } g && r.TorchSeconds is { } t ? (t / g).ToString("F2", CultureInfo.InvariantCulture) + "×" : "",
            Number(r.GradwireGflops), Number(r.TorchGflops), Number(r.GradwirePercent), Number(r.TorchPercent),
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        output.WriteLine("| " + string.Join(" | ", header.Select((h, i) => h.PadRight(widths[i]))) + " |");
        output.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in cells)
        {
            output.WriteLine("| " + string.Join(" | ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");
        }

        output.WriteLine("speed-up = TorchSharp time / Gradwire time (above 1: Gradwire is faster); times are medians per call.");
    }

    private static JsonObject ToJson(List<Row> rows, Dictionary<int, double> peaks)
    {
        var peakObject = new JsonObject();
        foreach (var (threads, gflops) in peaks)
        {
            peakObject[threads.ToString(CultureInfo.InvariantCulture)] = gflops;
        }

        var cases = new JsonArray();
        foreach (var r in rows.Where(r => r.GradwireSeconds is not null))
        {
            cases.Add(new JsonObject
            {
                ["case"] = r.Case,
                ["threads"] = r.Threads,
                ["gradwireSeconds"] = r.GradwireSeconds,
                ["torchSeconds"] = r.TorchSeconds,
                ["speedup"] = r.TorchSeconds / r.GradwireSeconds,
                ["flops"] = r.Flops,
                ["gradwireGflops"] = r.GradwireGflops,
                ["torchGflops"] = r.TorchGflops,
                ["gradwirePercentOfPeak"] = r.GradwirePercent,
                ["torchPercentOfPeak"] = r.TorchPercent,
            });
        }

        return new JsonObject { ["peakGflops"] = peakObject, ["loadAverage"] = LoadAverage(), ["cases"] = cases };
    }

    private static string Time(double? seconds) => seconds switch
    {
        null => "",
        < 1e-3 => (seconds.Value * 1e6).ToString("F2", CultureInfo.InvariantCulture) + " µs",
        < 1 => (seconds.Value * 1e3).ToString("F3", CultureInfo.InvariantCulture) + " ms",
        _ => seconds.Value.ToString("F3", CultureInfo.InvariantCulture) + " s",
    };

    private static string Number(double? value) => value?.ToString("F1", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The 1-minute load average: other processes on the cores make every figure noisier.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    private sealed record Row(
        string Case, int Threads, double? GradwireSeconds, double? TorchSeconds, double Flops,
        double? GradwireGflops, double? TorchGflops, double? GradwirePercent, double? TorchPercent);
}
