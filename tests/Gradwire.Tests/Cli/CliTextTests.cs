using System.CommandLine;
using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Tests.Cli;

/// <summary>The tool's safe printing of foreign text and its invariant reading of numbers, as properties.</summary>
public sealed class CliTextTests
{
    [Property(MaxTest = 200)]
    public bool Escaped_text_has_no_control_characters_and_clean_text_is_unchanged(NonNull<string> input)
    {
        var text = input.Get;
        var escaped = CliText.Escape(text);
        var clean = !text.Any(char.IsControl) && !text.Any(c => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
        return !escaped.Any(char.IsControl) && (!clean || escaped == text);
    }

    [Property(MaxTest = 100)]
    public bool Quoted_text_is_bounded(NonNull<string> input, byte maxByte)
    {
        var max = 1 + maxByte % 100;
        // Escapes are at most 6 characters per input character; the cut adds quotes, an ellipsis and the length note.
        return CliText.Quote(input.Get, max).Length <= max + 40;
    }

    private static double? Parse(string token)
    {
        var option = new Option<double?>("--lr");
        var command = new RootCommand { option };
        InvariantNumbers.Apply(command);
        var result = command.Parse(["--lr", token]);
        return result.Errors.Count == 0 ? result.GetValue(option) : null;
    }

    [Property(MaxTest = 200)]
    public bool A_finite_number_written_invariantly_reads_back_exactly(NormalFloat value)
    {
        var d = value.Get;
        return Parse(d.ToString("R", CultureInfo.InvariantCulture)) == d;
    }

    [Property(MaxTest = 100)]
    public bool A_number_with_a_comma_is_refused(PositiveInt whole, byte digits)
    {
        return Parse($"{whole.Get},{digits:D2}") is null;
    }
}
