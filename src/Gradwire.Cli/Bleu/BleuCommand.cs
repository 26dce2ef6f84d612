using System.CommandLine;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Metrics;

namespace Gradwire.Cli.Bleu;

/// <summary>
/// <c>gradwire bleu REF_FILE [REF_FILE…] &lt; HYP_FILE [-i HYP_FILE] [--json] [--metrics bleu chrf] [--lowercase]
/// [--tokenize 13a|none] [--chrf-word-order 2] [--width N]</c>: sacreBLEU's command line. One segment per line;
/// prints sacreBLEU's text lines (<c>BLEU|nrefs:1|…|version:2.4.2 = 48.5 82.4/…</c>), or one JSON object.
/// </summary>
/// <remarks>
/// Files are read as strict UTF-8 and split on '\n' only, as sacreBLEU opens them (<c>newline="\n"</c>); a trailing
/// '\r' is white space to both metrics. Exit codes: 0 success; 2 a missing file, files of different line counts,
/// invalid UTF-8, a segment whose references are all empty, or no hypotheses on stdin.
/// </remarks>
internal static class BleuCommand
{
    public static Command Create(CliConsole console)
    {
        var refs = new Argument<string[]>("references")
        {
            Description = "Reference files, one segment per line, all as long as the hypotheses.",
            Arity = ArgumentArity.OneOrMore,
        };
        var input = new Option<string?>("--input", "-i")
        {
            HelpName = "HYP_FILE",
            Description = "Read the hypotheses from HYP_FILE instead of standard input.",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object {\"score\", \"precisions\", \"bp\", \"sys_len\", \"ref_len\", \"signature\", …}." };
        var metrics = new Option<string[]>("--metrics", "-m")
        {
            Description = "Metrics to compute: bleu, chrf (default: bleu).",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["bleu"],
        };
        metrics.AcceptOnlyFromAmong("bleu", "chrf");
        var lowercase = new Option<bool>("--lowercase", "-lc") { Description = "Lower-case hypotheses and references first." };
        var tokenize = new Option<string>("--tokenize", "-tok")
        {
            Description = "BLEU's tokenizer: 13a (default, mteval-v13a) or none.",
            DefaultValueFactory = _ => "13a",
        };
        tokenize.AcceptOnlyFromAmong("13a", "none");
        var wordOrder = new Option<int>("--chrf-word-order", "-cw")
        {
            Description = "chrF's word n-gram order: 0 for chrF (default), 2 for chrF++.",
        };
        var width = new Option<int>("--width", "-w")
        {
            Description = "Decimals in the text output (default 1, as sacreBLEU).",
            DefaultValueFactory = _ => 1,
        };

        var command = new Command("bleu", "BLEU (and chrF) of hypotheses on stdin against reference files, exactly as sacreBLEU 2.x.");
        command.Arguments.Add(refs);
        command.Options.Add(input);
        command.Options.Add(json);
        command.Options.Add(metrics);
        command.Options.Add(lowercase);
        command.Options.Add(tokenize);
        command.Options.Add(wordOrder);
        command.Options.Add(width);
        command.SetAction(parse => Run(
            console, parse.GetValue(refs)!, parse.GetValue(input), parse.GetValue(json), parse.GetValue(metrics) ?? ["bleu"],
            parse.GetValue(lowercase), parse.GetValue(tokenize) ?? "13a", parse.GetValue(wordOrder), parse.GetValue(width)));
        return command;
    }

    private static int Run(CliConsole console, string[] refFiles, string? input, bool json, string[] metrics,
        bool lowercase, string tokenize, int wordOrder, int width)
    {
        if (wordOrder < 0 || wordOrder > 10)
        {
            throw new UsageException($"bleu: --chrf-word-order {wordOrder}: expected 0 (chrF) to 10; chrF++ uses 2.");
        }

        if (width < 0 || width > 15)
        {
            throw new UsageException($"bleu: --width {width}: expected 0 to 15 decimals.");
        }

        string hypName;
        List<string> hyps;
        if (input is not null)
        {
            hypName = input;
            hyps = SegmentFile.Read(input);
        }
        else
        {
            if (!Console.IsInputRedirected)
            {
                throw new UsageException("bleu: no hypotheses: pipe them on standard input (gradwire bleu REF < HYP) or pass -i HYP_FILE.");
            }

            hypName = "standard input";
            hyps = SegmentFile.Split(Console.In.ReadToEnd());
        }

        if (hyps.Count == 0)
        {
            throw new UsageException($"bleu: the hypotheses ({hypName}) are empty; expected one segment per line.");
        }

        var references = new List<IReadOnlyList<string>>();
        foreach (var file in refFiles)
        {
            var lines = SegmentFile.Read(file);
            if (lines.Count != hyps.Count)
            {
                throw new UsageException(
                    $"bleu: reference file {file} has {lines.Count} lines but the hypotheses ({hypName}) have {hyps.Count}; " +
                    "every file needs one segment per line, in the same order.");
            }

            references.Add(lines);
        }

        bool wantBleu = Array.IndexOf(metrics, "bleu") >= 0;
        bool wantChrf = Array.IndexOf(metrics, "chrf") >= 0;
        BleuScore? bleu = wantBleu
            ? new Metrics.Bleu
            {
                Lowercase = lowercase,
                Tokenization = tokenize == "none" ? BleuTokenization.None : BleuTokenization.Mteval13a,
            }.CorpusScore(hyps, references)
            : null;
        ChrfScore? chrf = wantChrf
            ? new Chrf { Lowercase = lowercase, WordOrder = wordOrder }.CorpusScore(hyps, references)
            : null;

        if (json)
        {
            var o = new JsonObject();
            if (bleu is not null)
            {
                var precisions = new JsonArray();
                foreach (var p in bleu.Precisions)
                {
                    precisions.Add(JsonOutput.Number(p));
                }

                o["score"] = JsonOutput.Number(bleu.Score);
                o["precisions"] = precisions;
                o["bp"] = JsonOutput.Number(bleu.BrevityPenalty);
                o["sys_len"] = bleu.SysLen;
                o["ref_len"] = bleu.RefLen;
                o["signature"] = bleu.Signature;
                o["verbose_score"] = bleu.Verbose;
            }

            if (chrf is not null)
            {
                o["chrf_name"] = chrf.Name;
                o["chrf_score"] = JsonOutput.Number(chrf.Score);
                o["chrf_signature"] = chrf.Signature;
            }

            JsonOutput.Write(console.Out, o);
        }
        else
        {
            if (bleu is not null)
            {
                console.Out.WriteLine(bleu.Format(width));
            }

            if (chrf is not null)
            {
                console.Out.WriteLine(chrf.Format(width));
            }
        }

        return ExitCodes.Ok;
    }
}
