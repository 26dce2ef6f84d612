using Gradwire.IO;
using Gradwire.Scalars.Expressions;

namespace Gradwire.Cli.Infrastructure;

/// <summary>
/// How the tool reports an exception that escaped a command: which exit code (DESIGN.md's contract: 2 for bad
/// usage or bad input, 1 for a failure of the work) and the one line on stderr.
/// </summary>
/// <remarks>
/// User errors (<see cref="GradwireException"/>, <see cref="ArgumentException"/>, <see cref="InvalidDataException"/>,
/// <see cref="FormatException"/>, a scalar op outside its domain, an input path that does not exist) are exit 2.
/// I/O failures (disk full, permission denied), running out of memory and anything else (an internal invariant
/// failure: a bug) are exit 1, still with the message and never a stack trace or an abort.
/// </remarks>
internal static class ErrorReport
{
    /// <summary>The longest message printed; longer ones (a message quoting a huge input) are cut.</summary>
    internal const int MaxMessageLength = 2000;

    /// <summary>The exit code and the stderr line for <paramref name="error"/>.</summary>
    public static (int ExitCode, string Line) For(Exception error)
    {
        if (error is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            return For(aggregate.InnerExceptions[0]);
        }

        var message = Printable.Message(UserMessage(error), MaxMessageLength);
        return error switch
        {
            GradwireException or ArgumentException or InvalidDataException or FormatException or ScalarDomainException
                or FileNotFoundException or DirectoryNotFoundException => (ExitCodes.Usage, $"gradwire: {message}"),
            IOException or UnauthorizedAccessException => (ExitCodes.Failure, $"gradwire: I/O error: {message}"),
            OutOfMemoryException => (ExitCodes.Failure,
                $"gradwire: out of memory: {message} Try smaller sizes (fewer samples, a smaller --n or model)."),
            _ => (ExitCodes.Failure,
                $"gradwire: internal error ({error.GetType().Name}): {message} This is a bug in gradwire; please report it."),
        };
    }

    /// <summary>The exception's message without .NET's " (Parameter 'x')" suffix, which means nothing to a user.</summary>
    private static string UserMessage(Exception e)
    {
        var message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                return message[..^suffix.Length];
            }
        }

        return message;
    }
}
