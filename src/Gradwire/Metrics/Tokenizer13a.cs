using System.Text.RegularExpressions;

namespace Gradwire.Metrics;

/// <summary>
/// mteval-v13a's tokenization as sacreBLEU 2.x implements it (tokenizer_13a.py and tokenizer_re.py): drop
/// <c>&lt;skipped&gt;</c>, join "-\n", turn newlines into spaces, unescape four HTML entities, pad with spaces,
/// then four regexes: split off ASCII punctuation and symbols, split periods and commas unless between digits,
/// split a dash after a digit; finally single spaces.
/// </summary>
public static class Tokenizer13a
{
    // Python's r'([\{-\~\[-\` -\&\(-\+\:-\@\/])': { | } ~, [ \ ] ^ _ `, space ! " # $ % &, ( ) * +, : ; < = > ? @, /.
    private static readonly Regex Symbols = new(@"([{-~\[-` -&(-+:-@/])", RegexOptions.CultureInvariant);
    private static readonly Regex PeriodCommaAfterNonDigit = new(@"([^0-9])([.,])", RegexOptions.CultureInvariant);
    private static readonly Regex PeriodCommaBeforeNonDigit = new(@"([.,])([^0-9])", RegexOptions.CultureInvariant);
    private static readonly Regex DashAfterDigit = new(@"([0-9])(-)", RegexOptions.CultureInvariant);

    /// <summary>The tokenized segment: tokens separated by single spaces, no leading or trailing space.</summary>
    public static string Tokenize(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        line = line.Replace("<skipped>", "", StringComparison.Ordinal)
            .Replace("-\n", "", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);
        if (line.Contains('&', StringComparison.Ordinal))
        {
            line = line.Replace("&quot;", "\"", StringComparison.Ordinal)
                .Replace("&amp;", "&", StringComparison.Ordinal)
                .Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&gt;", ">", StringComparison.Ordinal);
        }

        line = " " + line + " ";
        line = Symbols.Replace(line, " $1 ");
        line = PeriodCommaAfterNonDigit.Replace(line, "$1 $2 ");
        line = PeriodCommaBeforeNonDigit.Replace(line, " $1 $2");
        line = DashAfterDigit.Replace(line, "$1 $2 ");
        return string.Join(' ', PythonText.Split(line));
    }
}
