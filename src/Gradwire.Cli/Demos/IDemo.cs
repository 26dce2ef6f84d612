namespace Gradwire.Cli.Demos;

/// <summary>
/// One runnable example of the guide. Implementations are found by reflection, so adding a demo is
/// adding one file.
/// </summary>
internal interface IDemo
{
    /// <summary>The name on the command line, e.g. <c>single-gate</c>.</summary>
    string Name { get; }

    /// <summary>One line for <c>gradwire demo --list</c>.</summary>
    string Summary { get; }

    /// <summary>
    /// Where the demo sits in <c>--list</c> and <c>demo all</c>: the guide's order (chapter 1 from 100,
    /// chapter 2 from 200, nn6 from 300, CS231n from 400).
    /// </summary>
    int Order { get; }

    /// <summary>Runs the example, printing through <paramref name="report"/> every number it shows.</summary>
    void Run(DemoReport report);
}
