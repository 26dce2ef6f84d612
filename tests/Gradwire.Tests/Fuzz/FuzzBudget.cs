using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;

namespace Gradwire.Tests.Fuzz;

/// <summary>
/// Runs an FsCheck property over deterministic cases (fixed replay seed) within a wall-clock budget: cases past
/// the budget pass without running, so CI time is bounded while every run checks the same first cases.
/// </summary>
internal static class FuzzBudget
{
    public static readonly TimeSpan PerProperty = TimeSpan.FromSeconds(2.5);

    public static void Run<T>(Gen<T> generator, int maxCases, ulong seed, Action<T> check)
    {
        var clock = Stopwatch.StartNew();
        int ran = 0;
        var property = Prop.ForAll(generator.ToArbitrary(), value =>
        {
            if (clock.Elapsed > PerProperty) return;
            ran++;
            check(value);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(maxCases).WithReplay(seed, 1UL), property);
        Assert.True(ran >= Math.Min(maxCases, 20), $"only {ran} cases ran within the budget");
    }

    /// <summary>Fails unless <paramref name="action"/> returns or throws one of <paramref name="allowed"/>; returns the exception.</summary>
    public static Exception? OnlyDocumentedErrors(Action action, string input, params Type[] allowed)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e) when (Array.Exists(allowed, t => t == e.GetType()))
        {
            return e;
        }
        catch (Exception e)
        {
            Assert.Fail($"undocumented {e.GetType().Name} for input {Describe(input)}: {e}");
            return null;
        }
    }

    public static string Describe(string input) =>
        input.Length > 200 ? string.Concat(input.AsSpan(0, 200), $"… ({input.Length} characters)") : input;
}
