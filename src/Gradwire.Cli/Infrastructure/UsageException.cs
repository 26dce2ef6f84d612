namespace Gradwire.Cli.Infrastructure;

/// <summary>
/// Bad usage or bad input: the tool prints <see cref="Exception.Message"/> on stderr and exits with code 2.
/// </summary>
internal sealed class UsageException(string message) : GradwireException(message);
