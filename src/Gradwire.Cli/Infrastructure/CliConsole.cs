using Spectre.Console;

namespace Gradwire.Cli.Infrastructure;

/// <summary>
/// Where a command writes: plain text and JSON to <see cref="Out"/>, messages and progress to
/// <see cref="Error"/>, tables through <see cref="Ansi"/>. Tests build one over <see cref="StringWriter"/>s
/// and run the whole tool in-process.
/// </summary>
internal sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, bool interactive)
    {
        Out = output;
        Error = error;
        Interactive = interactive;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            Ansi.Profile.Width = 120;
        }
    }

    /// <summary>Standard output: results, tables and JSON.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: diagnostics and progress.</summary>
    public TextWriter Error { get; }

    /// <summary>True when attached to a real terminal (colours, live progress bars).</summary>
    public bool Interactive { get; }

    /// <summary>Spectre.Console over <see cref="Out"/>, for tables.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>The process's own console.</summary>
    public static CliConsole System() =>
        new(global::System.Console.Out, global::System.Console.Error,
            interactive: !global::System.Console.IsOutputRedirected);
}
