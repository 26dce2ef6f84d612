using System.Globalization;
using System.IO.Compression;
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
        using var reader = OpenText(path);
        int lineNumber = 0;
        string[] header = ReadHeader(reader, options, path, ref lineNumber, out string? firstRow);
        string? line;
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

        int target;
        if (options.TargetColumn is not null)
        {
            target = Array.IndexOf(header, options.TargetColumn);
            if (target < 0)
                throw new InvalidDataException(
                    $"'{path}': no column named '{Printable.Quote(options.TargetColumn)}' (the header has: {Printable.Quote(string.Join(", ", header), 400)}).");
        }
        else
        {
            int index = options.TargetIndex ?? -1;
            target = index < 0 ? header.Length + index : index;
            if (target < 0 || target >= header.Length)
                throw new InvalidDataException(
                    $"'{path}': target column index {index} is out of range: the file has {header.Length} columns (0 to {header.Length - 1}, or -1 for the last).");
        }

        int featureCount = header.Length - 1;
        var features = new List<float>();
        var rawTargets = new List<string>();
        var numericTargets = new List<float>();
        bool regression = options.Target == TargetKind.Regression;
        int headerLine = lineNumber;
        if (firstRow is not null) lineNumber--;
        while ((line = firstRow ?? reader.ReadLine()) is not null)
        {
            firstRow = null;
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            string[] fields = SplitFields(line, options.Separator, path, lineNumber);
            if (fields.Length != header.Length)
                throw new InvalidDataException(
                    $"'{path}' line {lineNumber}: {fields.Length} fields, but {(options.HasHeader ? "the header" : "the first row")} (line {headerLine}) has {header.Length} columns" +
                    (options.HasHeader && lineNumber == headerLine + 1 ? " (if the first line is not the header, skip it with SkipRows / --skip-rows 1)." : "."));
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
        string name = Path.GetFileName(path);
        foreach (string extension in (ReadOnlySpan<string>)[".gz", ".csv", ".txt", ".tsv"])
        {
            if (name.Length > extension.Length && name.EndsWith(extension, StringComparison.OrdinalIgnoreCase)) name = name[..^extension.Length];
        }

        if (regression)
            return Dataset.Regression(name, [.. features], [featureCount], [.. numericTargets], [1]);

        var classNames = NumberClasses(rawTargets, options.ClassOrder);
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classNames.Count; i++) indexOf[classNames[i]] = i;
        var labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = indexOf[rawTargets[i]];
        return Dataset.Classification(name, [.. features], [featureCount], labels, classNames.Count, classNames);
    }

    /// <summary>
    /// Reads the numeric columns of <paramref name="path"/> with the same options as <see cref="Load"/> but no target:
    /// what a trained model predicts from. <paramref name="columns"/> picks columns by header name, in that order
    /// (null: every column).
    /// </summary>
    /// <returns>The column names read and the values, row-major ([rows, columns]).</returns>
    /// <exception cref="InvalidDataException">The file is malformed, or lacks one of <paramref name="columns"/>.</exception>
    public static (IReadOnlyList<string> Columns, float[] Values, int Rows) LoadFeatures(string path, CsvOptions? options = null, IReadOnlyList<string>? columns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new CsvOptions();
        InputFile.CheckReadable(path, "CSV file");
        using var reader = OpenText(path);
        int lineNumber = 0;
        string[] header = ReadHeader(reader, options, path, ref lineNumber, out string? firstRow);
        int[] pick;
        if (columns is null)
        {
            pick = new int[header.Length];
            for (int c = 0; c < pick.Length; c++) pick[c] = c;
        }
        else
        {
            pick = new int[columns.Count];
            for (int c = 0; c < pick.Length; c++)
            {
                pick[c] = Array.IndexOf(header, columns[c]);
                if (pick[c] < 0)
                    throw new InvalidDataException(
                        $"'{path}': no column named '{Printable.Quote(columns[c])}' (the header has: {Printable.Quote(string.Join(", ", header), 400)}).");
            }
        }

        var values = new List<float>();
        int headerLine = lineNumber, rows = 0;
        if (firstRow is not null) lineNumber--;
        string? line;
        while ((line = firstRow ?? reader.ReadLine()) is not null)
        {
            firstRow = null;
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            string[] fields = SplitFields(line, options.Separator, path, lineNumber);
            if (fields.Length != header.Length)
                throw new InvalidDataException($"'{path}' line {lineNumber}: {fields.Length} fields, but line {headerLine} has {header.Length} columns.");
            foreach (int c in pick) values.Add(ParseNumber(fields[c], path, lineNumber, c, header[c]));
            rows++;
        }

        if (rows == 0) throw new InvalidDataException($"'{path}' has no data rows.");
        var names = new string[pick.Length];
        for (int c = 0; c < pick.Length; c++) names[c] = header[pick[c]];
        return (names, [.. values], rows);
    }

    /// <summary>The column names of <paramref name="path"/> as <see cref="Load"/> reads them (<c>column1</c>, … without a header).</summary>
    public static IReadOnlyList<string> Columns(string path, CsvOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        InputFile.CheckReadable(path, "CSV file");
        using var reader = OpenText(path);
        int lineNumber = 0;
        return ReadHeader(reader, options ?? new CsvOptions(), path, ref lineNumber, out _);
    }

    /// <summary>Skips <see cref="CsvOptions.SkipRows"/> lines and blank lines, then reads the header (or names the columns of the first row, which is handed back in <paramref name="firstRow"/>).</summary>
    private static string[] ReadHeader(StreamReader reader, CsvOptions options, string path, ref int lineNumber, out string? firstRow)
    {
        if (options.SkipRows < 0) throw new ArgumentException($"CsvOptions.SkipRows must be ≥ 0, got {options.SkipRows}.", nameof(options));
        firstRow = null;
        while (lineNumber < options.SkipRows && reader.ReadLine() is not null) lineNumber++;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            string[] header = SplitFields(line, options.Separator, path, lineNumber);
            if (!options.HasHeader)
            {
                // The first line is data: name the columns column1..N and let the caller read the line again.
                firstRow = line;
                for (int c = 0; c < header.Length; c++) header[c] = "column" + (c + 1).ToString(CultureInfo.InvariantCulture);
            }

            return header;
        }

        throw new InvalidDataException(
            $"'{path}' is empty{(options.SkipRows > 0 ? $" after skipping {options.SkipRows} lines" : "")}: a CSV dataset needs {(options.HasHeader ? "a header row" : "data rows")}.");
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

    /// <summary>Opens <paramref name="path"/> as UTF-8 text, through gzip when it starts with gzip's magic bytes (<c>1f 8b</c>), whatever its name.</summary>
    private static StreamReader OpenText(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            Stream stream = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
            return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static string[] SplitFields(string line, char separator, string path, int lineNumber)
    {
        // Whitespace-separated files (scikit-learn's diabetes, linnerud): runs of spaces and tabs, no quoting.
        if (separator == ' ') return line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
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
