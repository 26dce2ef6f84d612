using Gradwire.Tensors;

namespace Gradwire.Backends;

/// <summary>
/// Receives every op the dispatcher runs on this thread, in order, gradients recorded or not (<c>NoGrad</c>
/// included): the hook a graph exporter (ONNX) will use. The attributes are a short
/// <c>key=value</c> list (axes, scalars, flags), "" when the op has none.
/// </summary>
internal interface IOpTracer
{
    void Record(string kind, string attributes, ReadOnlySpan<Tensor> inputs, Tensor output);
}
