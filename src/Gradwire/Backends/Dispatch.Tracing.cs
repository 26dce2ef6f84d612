using Gradwire.Tensors;

namespace Gradwire.Backends;

internal static partial class Dispatch
{
    [ThreadStatic]
    private static IOpTracer? t_tracer;

    /// <summary>The tracer of this thread, or null (the common case: one thread-static read per op).</summary>
    public static IOpTracer? Tracer => t_tracer;

    /// <summary>Installs <paramref name="tracer"/> on this thread until the returned scope is disposed (scopes nest).</summary>
    public static TracerScope Trace(IOpTracer tracer)
    {
        var previous = t_tracer;
        t_tracer = tracer;
        return new TracerScope(previous);
    }

    /// <summary>Tells the tracer, if any, that <paramref name="kind"/> ran on <paramref name="input"/>.</summary>
    public static void Record(string kind, Tensor input, Tensor output, string attributes = "")
    {
        if (t_tracer is { } tracer)
        {
            tracer.Record(kind, attributes, [input], output);
        }
    }

    /// <summary>Tells the tracer, if any, that <paramref name="kind"/> ran on two inputs.</summary>
    public static void Record(string kind, Tensor a, Tensor b, Tensor output, string attributes = "")
    {
        if (t_tracer is { } tracer)
        {
            tracer.Record(kind, attributes, [a, b], output);
        }
    }

    /// <summary>Tells the tracer, if any, that <paramref name="kind"/> ran on three inputs.</summary>
    public static void Record(string kind, Tensor a, Tensor b, Tensor c, Tensor output, string attributes = "")
    {
        if (t_tracer is { } tracer)
        {
            tracer.Record(kind, attributes, [a, b, c], output);
        }
    }

    /// <summary>Restores the previous tracer when disposed.</summary>
    internal readonly struct TracerScope(IOpTracer? previous) : IDisposable
    {
        public void Dispose() => t_tracer = previous;
    }
}
