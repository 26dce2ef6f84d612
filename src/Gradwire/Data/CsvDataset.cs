using System.Globalization;
using System.Text;
using Gradwire.IO;

namespace Gradwire.Data;

/// <summary>
/// Reads a CSV file with a header row into a <see cref="Dataset"/>: every column but the target is a numeric
/// feature (sample shape <c>[columns − 1]</c>); the target column holds class values or regression numbers.
/// </summary>
/// <remarks>
/// <para>Format: the first non-blank line is the header (column names, required); blank lines are skipped; fields
/// are separated by <see cref="CsvOptions.Separator"/> and may be double-quoted (<c>""</c> inside quotes is a
/// quote; a quoted field cannot span lines); spaces around fields are trimmed. Numbers use the invariant culture
/// (<c>1.5</c>, <c>-2e-3</c>) and must be finite.</para>
/// <para>Classification: class values are strings (or integers) numbered by <see cref="CsvOptions.ClassOrder"/>
/// and kept as <see cref="Dataset.ClassNames"/>. Regression: the target must be a number; target shape <c>[1]</c>.</para>
/// <para>Errors are <see cref="InvalidDataException"/>s naming the file, the line (1-based) and the column; text
/// quoted from the file is cut to 80 characters and its control characters escaped (see docs/formats.md). A missing
/// file is a <see cref="FileNotFoundException"/>; a directory, device or FIFO a <see cref="GradwireException"/>.</para>
/// </remarks>
public static class CsvDataset
{
    /// <summary>Loads <paramref name="path"/> (see the class remarks).</summary>
    /// <exception cref="InvalidDataException">The file is malformed: no header, unknown target column, a ragged row, a bad number.</exception>
    public static Dataset Load(string path, CsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new CsvOptions();
        InputFile.CheckReadable(path, "CSV file");
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

        string? line;
        int lineNumber = 0;
        string[]? header = null;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            header = SplitFields(line, options.Separator, path, lineNumber);
            break;
        }

        if (header is null) throw new InvalidDataException($"'{path}' is empty: a CSV dataset needs a header row.");
        if (header.Length < 2)
            throw new InvalidDataException(
                $"'{path}' line {lineNumber}: the header has {header.Length} column; a dataset needs at least one feature and a target " +
                $"(is the separator '{options.Separator}' right?).");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string column in header)
        {
            if (!seen.Add(column))
                throw new InvalidDataException($"'{path}' line {lineNumber}: column '{Printable.Quote(column)}' appears twice in the header.");
        }

        int target = options.TargetColumn is null ? header.Length - 1 : Array.IndexOf(header, options.TargetColumn);
        if (target < 0)
            throw new InvalidDataException(
                $"'{path}': no column named '{Printable.Quote(options.TargetColumn ?? "")}' (the header has: {Printable.Quote(string.Join(", ", header), 400)}).");

        int featureCount = header.Length - 1;
        var features = new List<float>();
        var rawTargets = new List<string>();
        var numericTargets = new List<float>();
        bool regression = options.Target == TargetKind.Regression;
        int headerLine = lineNumber;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            string[] fields = SplitFields(line, options.Separator, path, lineNumber);
            if (fields.Length != header.Length)
                throw new InvalidDataException(
                    $"'{path}' line {lineNumber}: {fields.Length} fields, but the header (line {headerLine}) has {header.Length} columns.");
            for (int c = 0; c < fields.Length; c++)
            {
                if (c == target)
                {
                    if (regression) numericTargets.Add(ParseNumber(fields[c], path, lineNumber, c, header[c]));
                    else if (fields[c].Length == 0)
                        throw new InvalidDataException(
                            $"'{path}' line {lineNumber}, column {c + 1} ('{Printable.Quote(header[c])}'): the class value is empty.");
                    else rawTargets.Add(fields[c]);
                }
                else
                {
                    features.Add(ParseNumber(fields[c], path, lineNumber, c, header[c]));
                }
            }
        }

        int count = features.Count / featureCount;
        if (count == 0) throw new InvalidDataException($"'{path}' has a header but no data rows.");
        string name = Path.GetFileNameWithoutExtension(path);
        if (regression)
            return Dataset.Regression(name, [.. features], [featureCount], [.. numericTargets], [1]);

        var classNames = NumberClasses(rawTargets, options.ClassOrder);
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classNames.Count; i++) indexOf[classNames[i]] = i;
        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = indexOf[rawTargets[i]];
        return Dataset.Classification(name, [.. features], [featureCount], labels, classNames.Count, classNames);
    }

    private static List<string> NumberClasses(List<string> values, CsvClassOrder order)
    {
        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string value in values)
        {
            if (seen.Add(value)) distinct.Add(value);
        }

        if (order == CsvClassOrder.FirstSeen) return distinct;
        bool allIntegers = true;
        foreach (string value in distinct)
        {
            if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) { allIntegers = false; break; }
        }

        if (allIntegers)
            distinct.Sort((a, b) => long.Parse(a, CultureInfo.InvariantCulture).CompareTo(long.Parse(b, CultureInfo.InvariantCulture)));
        else
            distinct.Sort(StringComparer.Ordinal);
        return distinct;
    }

    private static float ParseNumber(string text, string path, int line, int column, string columnName)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            throw new InvalidDataException(
                $"'{path}' line {line}, column {column + 1} ('{Printable.Quote(columnName)}'): " +
                (text.Length == 0 ? "empty value; expected a number." : $"'{Printable.Quote(text)}' is not a finite number."));
        return value;
    }

    private static string[] SplitFields(string line, char separator, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            while (i < line.Length && line[i] == ' ') i++;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new InvalidDataException(
                            $"'{path}' line {lineNumber}, column {fields.Count + 1}: a quoted field is not closed on this line.");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                while (i < line.Length && line[i] == ' ') i++;
                if (i < line.Length && line[i] != separator)
                    throw new InvalidDataException(
                        $"'{path}' line {lineNumber}, column {fields.Count + 1}: unexpected '{Printable.Quote(line[i].ToString())}' after a closing quote.");
                fields.Add(field.ToString());
            }
            else
            {
                int start = i;
                while (i < line.Length && line[i] != separator) i++;
                fields.Add(line[start..i].Trim());
            }

            if (i >= line.Length) return [.. fields];
            i++; // the separator
        }
    }
}
