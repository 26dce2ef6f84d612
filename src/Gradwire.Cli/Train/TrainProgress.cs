using System.Diagnostics;
using System.Globalization;
using Gradwire.Cli.Infrastructure;
using Gradwire.Training;
using Spectre.Console;

namespace Gradwire.Cli.Train;

/// <summary>
/// Shows training progress on stderr: a Spectre.Console progress bar with loss, accuracy and samples/s when the
/// terminal is interactive, one plain line per epoch otherwise (logs, pipes, tests), nothing when quiet.
/// </summary>
internal static class TrainProgress
{
    public static void Fit(CliConsole console, Trainer trainer, int epochs, IReadOnlyList<double> testAccuracies, bool quiet)
    {
        if (quiet)
        {
            trainer.Fit(epochs);
            return;
        }

        if (!console.Interactive)
        {
            void Line(EpochMetrics m)
            {
                var test = testAccuracies.Count > 0 ? $", test accuracy {testAccuracies[^1]:P2}" : "";
                var validation = double.IsNaN(m.ValidationLoss) ? "" : $", validation loss {m.ValidationLoss:F4}";
                var accuracy = double.IsNaN(m.TrainAccuracy) ? "" : $", accuracy {m.TrainAccuracy:P2}";
                console.Error.WriteLine(
                    $"epoch {m.Epoch + 1}/{epochs}: loss {m.TrainLoss:F4}{accuracy}{validation}{test}, {m.SamplesPerSecond:F0} samples/s, {m.Seconds:F2} s");
            }

            // Print every epoch for short runs, about 20 lines for long ones.
            var every = Math.Max(1, epochs / 20);
            trainer.EpochCompleted += m =>
            {
                if ((m.Epoch + 1) % every == 0 || m.Epoch + 1 == epochs)
                {
                    Line(m);
                }
            };
            trainer.Fit(epochs);
            return;
        }

        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var total = (double)Math.Max(1, epochs - trainer.Epoch) * trainer.Loader.BatchesPerEpoch - trainer.BatchInEpoch;
                var task = context.AddTask("training", maxValue: Math.Max(1, total));
                var watch = Stopwatch.StartNew();
                long samples = 0;
                double lossSum = 0;
                long lossCount = 0;
                var lastAccuracy = double.NaN;
                trainer.StepCompleted += s =>
                {
                    samples += s.BatchSize;
                    lossSum += s.Loss;
                    lossCount++;
                    task.Increment(1);
                    if (lossCount % 16 == 0 || s.Batch + 1 == s.BatchesPerEpoch)
                    {
                        var rate = samples / Math.Max(watch.Elapsed.TotalSeconds, 1e-9);
                        var accuracy = double.IsNaN(lastAccuracy) ? "" : $" acc {lastAccuracy.ToString("P1", CultureInfo.InvariantCulture)}";
                        task.Description = Markup.Escape(
                            $"epoch {s.Epoch + 1}/{epochs} loss {(lossSum / lossCount).ToString("F4", CultureInfo.InvariantCulture)}{accuracy} {rate.ToString("F0", CultureInfo.InvariantCulture)} samples/s");
                    }
                };
                trainer.EpochCompleted += m =>
                {
                    lastAccuracy = m.TrainAccuracy;
                    lossSum = 0;
                    lossCount = 0;
                };
                trainer.Fit(epochs);
                task.Value = task.MaxValue;
            });
    }
}
