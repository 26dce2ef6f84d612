using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Gradwire.Cli.Infrastructure;

/// <summary>
/// Every numeric option of the tool is read with the invariant culture: a dot for decimals, no thousands
/// separators (System.CommandLine's own parser accepts them, so <c>--lr 0,01</c> would be read as 1), and the
/// same meaning on every machine whatever its locale. <see cref="Apply"/> installs the parsers on a command tree.
/// </summary>
internal static class InvariantNumbers
{
    /// <summary>Gives every <c>int</c>, <c>long</c> and <c>double</c> option (nullable too) under <paramref name="command"/> an invariant parser, unless it has its own.</summary>
    public static void Apply(Command command)
    {
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<double> d when d.CustomParser is null:
                    d.CustomParser = r => ParseDouble(r) ?? 0;
                    break;
                case Option<double?> d when d.CustomParser is null:
                    d.CustomParser = ParseDouble;
                    break;
                case Option<int> i when i.CustomParser is null:
                    i.CustomParser = r => (int)(ParseInteger(r, int.MinValue, int.MaxValue) ?? 0);
                    break;
                case Option<int?> i when i.CustomParser is null:
                    i.CustomParser = r => (int?)ParseInteger(r, int.MinValue, int.MaxValue);
                    break;
                case Option<long> l when l.CustomParser is null:
                    l.CustomParser = r => ParseInteger(r, long.MinValue, long.MaxValue) ?? 0;
                    break;
                case Option<long?> l when l.CustomParser is null:
                    l.CustomParser = r => ParseInteger(r, long.MinValue, long.MaxValue);
                    break;
            }
        }

        foreach (var child in command.Subcommands)
        {
            Apply(child);
        }
    }

    /// <summary>Reads a number (digits, an optional sign, a decimal dot, an exponent; <c>NaN</c>/<c>Infinity</c> pass here and are refused by each command's range checks, which name the option).</summary>
    public static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static double? ParseDouble(ArgumentResult result)
    {
        var text = Token(result);
        if (text is null)
        {
            return null;
        }

        if (TryParseDouble(text, out var value))
        {
            return value;
        }

        result.AddError($"{OptionName(result)}: {Quote(text)} is not a number; write it with a dot for decimals and no thousands separators (e.g. 0.01, 1e-3, 1500).");
        return null;
    }

    private static long? ParseInteger(ArgumentResult result, long min, long max)
    {
        var text = Token(result);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{OptionName(result)}: {Quote(text)} is not a whole number in [{min}, {max}] (digits only, no separators).");
        return null;
    }

    private static string? Token(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult o ? o.Option.Name : "option";

    /// <summary>Quotes user input for a message: control characters escaped, cut to 40 characters.</summary>
    private static string Quote(string text) => CliText.Quote(text, 40);
}
