using System.CommandLine;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli;

/// <summary>The <c>gradwire</c> tool.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args) => Run(args, CliConsole.System());

    /// <summary>Runs the tool with <paramref name="args"/>, writing through <paramref name="console"/>.</summary>
    internal static int Run(string[] args, CliConsole console)
    {
        var root = BuildRoot(console);
        var parse = root.Parse(args.Length == 0 ? ["--help"] : args); // a bare 'gradwire' shows what it can do
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"gradwire: {error.Message}");
            }

            foreach (var suggestion in Suggestions.For(parse))
            {
                console.Error.WriteLine($"gradwire: {suggestion}");
            }

            console.Error.WriteLine("Run 'gradwire --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e)
        {
            // Every error is one line naming what is wrong, never a stack trace; ErrorReport picks the exit code.
            var (code, line) = ErrorReport.For(e);
            console.Error.WriteLine(line);
            return code;
        }
    }

    private static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand(
            "Gradwire: automatic differentiation and neural networks, the Hacker's guide made runnable.");
        var factories = new List<ICommandFactory>();
        foreach (var type in typeof(Program).Assembly.GetTypes())
        {
            if (type is { IsClass: true, IsAbstract: false } && typeof(ICommandFactory).IsAssignableFrom(type))
            {
                factories.Add((ICommandFactory)Activator.CreateInstance(type, nonPublic: true)!);
            }
        }

        // Parents first, then children, each group in a stable order.
        var built = new List<(string Parent, Command Command)>();
        foreach (var factory in factories)
        {
            built.Add((factory.Parent, factory.Create(console)));
        }

        built.Sort((a, b) => string.CompareOrdinal(a.Command.Name, b.Command.Name));
        var topLevel = new Dictionary<string, Command>();
        foreach (var (parent, command) in built)
        {
            if (parent.Length == 0)
            {
                root.Subcommands.Add(command);
                topLevel[command.Name] = command;
            }
        }

        foreach (var (parent, command) in built)
        {
            if (parent.Length > 0)
            {
                topLevel[parent].Subcommands.Add(command);
            }
        }

        InvariantNumbers.Apply(root);
        return root;
    }
}
