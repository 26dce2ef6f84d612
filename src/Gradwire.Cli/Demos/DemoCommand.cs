using System.CommandLine;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli.Demos;

/// <summary><c>gradwire demo --list | NAME [--json] | all [--json]</c>.</summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console)
    {
        var name = new Argument<string?>("name")
        {
            Description = "The demo to run, or 'all'. See --list.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var list = new Option<bool>("--list") { Description = "List the demos." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object with every number instead of text." };

        var command = new Command("demo", "Run an example of the guide and print its numbers.");
        command.Arguments.Add(name);
        command.Options.Add(list);
        command.Options.Add(json);
        command.SetAction(parse => Run(console, parse.GetValue(name), parse.GetValue(list), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string? name, bool list, bool json)
    {
        if (list || name is null)
        {
            if (name is null && !list)
            {
                throw new UsageException("demo: name a demo, 'all', or use --list.");
            }

            foreach (var demo in DemoCatalog.All)
            {
                console.Out.WriteLine($"{demo.Name,-16} {demo.Summary}");
            }

            return ExitCodes.Ok;
        }

        if (string.Equals(name, "all", StringComparison.OrdinalIgnoreCase))
        {
            var all = new JsonObject();
            foreach (var demo in DemoCatalog.All)
            {
                if (!json)
                {
                    console.Out.WriteLine();
                    console.Out.WriteLine($"=== {demo.Name}: {demo.Summary}");
                }

                var report = new DemoReport(console.Out, json: false);
                if (json)
                {
                    report = new DemoReport(TextWriter.Null, json: true);
                }

                demo.Run(report);
                if (json)
                {
                    all[demo.Name] = report.Data;
                }
            }

            if (json)
            {
                JsonOutput.Write(console.Out, all);
            }

            return ExitCodes.Ok;
        }

        var found = DemoCatalog.Find(name) ?? throw new UsageException(
            $"demo: unknown demo '{name}'.{DidYouMean.Suffix(name, DemoCatalog.All.Select(d => d.Name))} " +
            $"Known demos: {string.Join(", ", DemoCatalog.All.Select(d => d.Name))}.");
        var single = new DemoReport(console.Out, json);
        found.Run(single);
        single.Flush();
        return ExitCodes.Ok;
    }
}
