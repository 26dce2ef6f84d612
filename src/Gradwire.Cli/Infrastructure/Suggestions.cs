using System.CommandLine;
using System.CommandLine.Parsing;

namespace Gradwire.Cli.Infrastructure;

/// <summary>
/// "Did you mean …?" for the tokens a parse did not match: a mistyped command is compared with the subcommands
/// of the command it was typed after, a mistyped option (<c>--at</c>) with that command's options and aliases.
/// </summary>
internal static class Suggestions
{
    /// <summary>One line per unmatched token that is close to a known name, e.g. <c>'gard' is not a command. Did you mean 'grad'?</c>.</summary>
    public static List<string> For(ParseResult parse)
    {
        var lines = new List<string>();
        var command = parse.CommandResult.Command;
        foreach (var token in parse.UnmatchedTokens)
        {
            var isOption = token.StartsWith('-');
            var candidates = new List<string>();
            if (isOption)
            {
                for (var current = parse.CommandResult as SymbolResult; current is not null; current = current.Parent)
                {
                    if (current is CommandResult { Command: var owner })
                    {
                        foreach (var option in owner.Options)
                        {
                            if (ReferenceEquals(owner, command) || option.Recursive)
                            {
                                candidates.Add(option.Name);
                                candidates.AddRange(option.Aliases);
                            }
                        }
                    }
                }
            }
            else
            {
                foreach (var sub in command.Subcommands)
                {
                    candidates.Add(sub.Name);
                    candidates.AddRange(sub.Aliases);
                }
            }

            var suffix = DidYouMean.Suffix(token, candidates);
            if (suffix.Length > 0)
            {
                var owner = command is RootCommand ? "gradwire" : command.Name;
                lines.Add($"'{token}' is not {(isOption ? "an option" : "a command")} of '{owner}'.{suffix}");
            }
        }

        return lines;
    }
}
