using System.Globalization;

namespace Gradwire.Text;

/// <summary>
/// Analogy accuracy as gensim's <c>KeyedVectors.evaluate_word_analogies(path, restrict_vocab=30000,
/// case_insensitive=True)</c> computes it, on word2vec's <c>questions-words.txt</c> format (<c>: section</c> lines,
/// then <c>a b c d</c> meaning a:b = c:d).
/// </summary>
/// <remarks>
/// Only the first <c>restrictVocabulary</c> rows (the most frequent words) take part; words are compared upper-cased,
/// the more frequent spelling winning. A question with a word outside them is skipped. Otherwise the answer is the
/// row maximizing <c>cos(d, b̂ − â + ĉ)</c> among those rows, skipping a, b, c and any other spelling of them;
/// it is correct when it equals d.
/// </remarks>
public static class AnalogyEvaluation
{
    /// <summary>Evaluates <paramref name="vectors"/> on the questions in <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A question line does not have four words; the message names the file and line.</exception>
    public static AnalogyReport Evaluate(WordVectors vectors, string path, int restrictVocabulary = 30000)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        return Evaluate(vectors, TextFile.ReadAllText(path), path, restrictVocabulary);
    }

    /// <summary>Evaluates <paramref name="vectors"/> on questions given as text; <paramref name="source"/> names it in errors.</summary>
    public static AnalogyReport Evaluate(WordVectors vectors, string questions, string source, int restrictVocabulary = 30000)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentNullException.ThrowIfNull(questions);
        int limit = Math.Min(restrictVocabulary, vectors.Count);
        // Upper-cased spelling -> the most frequent row with it (rows are most frequent first).
        var rows = new Dictionary<string, int>(limit, StringComparer.Ordinal);
        for (int i = limit - 1; i >= 0; i--)
        {
            rows[vectors.Words[i].ToUpperInvariant()] = i;
        }

        var upper = new string[limit];
        for (int i = 0; i < limit; i++)
        {
            upper[i] = vectors.Words[i].ToUpperInvariant();
        }

        var sections = new List<AnalogySection>();
        string? name = null;
        var pending = new List<(int A, int B, int C, int D, string Expected)>();
        int skipped = 0;
        string[] lines = questions.Split('\n');
        for (int n = 0; n <= lines.Length; n++)
        {
            string line = n < lines.Length ? lines[n].Trim() : ": ";
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith(':'))
            {
                if (name is not null)
                {
                    sections.Add(Answer(vectors, name, pending, skipped, limit, upper));
                }

                name = line[1..].Trim();
                pending.Clear();
                skipped = 0;
                continue;
            }

            if (name is null)
            {
                throw new InvalidDataException($"analogy questions '{source}', line {n + 1}: a question before the first ': section' line.");
            }

            string[] words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (words.Length != 4)
            {
                throw new InvalidDataException($"analogy questions '{source}', line {n + 1}: expected four words 'a b c d', got {words.Length}.");
            }

            string a = words[0].ToUpperInvariant(), b = words[1].ToUpperInvariant(), c = words[2].ToUpperInvariant(), d = words[3].ToUpperInvariant();
            if (rows.TryGetValue(a, out int ia) && rows.TryGetValue(b, out int ib) && rows.TryGetValue(c, out int ic) && rows.TryGetValue(d, out int id))
            {
                pending.Add((ia, ib, ic, id, d));
            }
            else
            {
                skipped++;
            }
        }

        return new AnalogyReport(sections);
    }

    private static AnalogySection Answer(WordVectors vectors, string name, List<(int A, int B, int C, int D, string Expected)> questions, int skipped, int limit, string[] upper)
    {
        var correct = new bool[questions.Count];
        var items = questions.ToArray();
        Parallel.For(0, items.Length, q =>
        {
            var (a, b, c, _, expected) = items[q];
            var query = vectors.AnalogyQuery(a, b, c);
            // gensim looks at the top 5 and takes the first that is not a spelling of a, b or c.
            foreach (var candidate in vectors.Nearest(query, 5, [a, b, c], limit))
            {
                string guess = candidate.Word.ToUpperInvariant();
                if (guess != upper[a] && guess != upper[b] && guess != upper[c])
                {
                    correct[q] = guess == expected;
                    break;
                }
            }
        });
        int right = 0;
        foreach (bool ok in correct)
        {
            right += ok ? 1 : 0;
        }

        return new AnalogySection(name, right, items.Length, skipped);
    }
}

/// <summary>The result of <see cref="AnalogyEvaluation.Evaluate(WordVectors, string, int)"/>: per section and in total.</summary>
public sealed class AnalogyReport
{
    internal AnalogyReport(List<AnalogySection> sections)
    {
        Sections = sections;
        foreach (var s in sections)
        {
            Correct += s.Correct;
            Answered += s.Answered;
            Skipped += s.Skipped;
        }
    }

    /// <summary>The sections in file order.</summary>
    public IReadOnlyList<AnalogySection> Sections { get; }

    /// <summary>Correct answers over all sections.</summary>
    public int Correct { get; }

    /// <summary>Questions answered (all four words among the restricted vocabulary).</summary>
    public int Answered { get; }

    /// <summary>Questions skipped for an unknown word.</summary>
    public int Skipped { get; }

    /// <summary><c>Correct / Answered</c> (0 when nothing was answered).</summary>
    public double Accuracy => Answered > 0 ? (double)Correct / Answered : 0;

    /// <summary>A one-line summary, e.g. <c>accuracy 0.7312 (14287/19544 answered, 5257 skipped)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"accuracy {Accuracy:F4} ({Correct}/{Answered} correct, {Skipped} skipped)");
}
