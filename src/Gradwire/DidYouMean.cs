namespace Gradwire;

/// <summary>
/// "Did you mean …?" for a mistyped name: the known names closest to it by edit distance (Levenshtein,
/// with a swap of two neighbouring letters counting as one edit), so <c>gard</c> suggests <c>grad</c>.
/// </summary>
internal static class DidYouMean
{
    /// <summary>
    /// The candidates within a small distance of <paramref name="typed"/> (at most 1 edit for names up to 4
    /// letters, 2 up to 8, else 3), closest first, ties in the candidates' order; at most <paramref name="limit"/>.
    /// </summary>
    public static List<string> Closest(string typed, IEnumerable<string> candidates, int limit = 3)
    {
        var allowed = typed.Length <= 4 ? 1 : typed.Length <= 8 ? 2 : 3;
        var found = new List<(string Name, int Distance, int Order)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = 0;
        foreach (var candidate in candidates)
        {
            if (!seen.Add(candidate) || candidate == typed)
            {
                continue;
            }

            var distance = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance <= allowed)
            {
                found.Add((candidate, distance, order++));
            }
        }

        found.Sort((x, y) => x.Distance != y.Distance ? x.Distance.CompareTo(y.Distance) : x.Order.CompareTo(y.Order));
        var result = new List<string>();
        for (var i = 0; i < found.Count && i < limit; i++)
        {
            result.Add(found[i].Name);
        }

        return result;
    }

    /// <summary>" Did you mean 'a' or 'b'?" (with a leading space), or "" when nothing is close.</summary>
    public static string Suffix(string typed, IEnumerable<string> candidates)
    {
        var phrase = Phrase(typed, candidates);
        return phrase.Length == 0 ? "" : " D" + phrase[1..];
    }

    /// <summary>"did you mean 'a' or 'b'?", or "" when nothing is close.</summary>
    public static string Phrase(string typed, IEnumerable<string> candidates)
    {
        var closest = Closest(typed, candidates);
        if (closest.Count == 0)
        {
            return "";
        }

        var quoted = closest.ConvertAll(name => $"'{name}'");
        return quoted.Count == 1
            ? $"did you mean {quoted[0]}?"
            : $"did you mean {string.Join(", ", quoted.GetRange(0, quoted.Count - 1))} or {quoted[^1]}?";
    }

    /// <summary>Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    best = Math.Min(best, d[i - 2, j - 2] + 1);
                }

                d[i, j] = best;
            }
        }

        return d[a.Length, b.Length];
    }
}
