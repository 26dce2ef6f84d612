namespace Gradwire;

/// <summary>
/// The base of Gradwire's user-facing errors: the input, the options or the data are wrong, and the message says
/// which (the file, key, option or op) and what was expected. The <c>gradwire</c> tool reports these with exit
/// code 2 ("bad usage or bad input"); a failure that is not one of these is a failure of the work (exit 1).
/// </summary>
/// <remarks>
/// Gradwire also throws BCL types where .NET code expects them: <see cref="ArgumentException"/> for a bad argument
/// (shapes, dtypes, options) and <see cref="InvalidDataException"/> for a malformed file (sealed, so it cannot derive
/// from this class); the tool treats those as user errors too. Throw this type (or a subclass) for a user error that
/// fits neither, never <see cref="InvalidOperationException"/>: the tool reports that one as an internal failure.
/// </remarks>
public class GradwireException : Exception
{
    /// <summary>A user-facing error with <paramref name="message"/>.</summary>
    public GradwireException(string message)
        : base(message)
    {
    }

    /// <summary>A user-facing error with <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public GradwireException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
