namespace Gradwire.Cli.Infrastructure;

/// <summary>The tool's exit codes, part of its contract (DESIGN.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The work itself failed.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or bad input.</summary>
    public const int Usage = 2;
}
