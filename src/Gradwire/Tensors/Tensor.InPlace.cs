using Gradwire.Autograd;
using Gradwire.Kernels;

namespace Gradwire.Tensors;

/// <summary>
/// In-place ops, for optimizers and buffers: they write into this tensor's storage (through views too), bump
/// its version, and refuse to run on a tensor that requires grad, or with an operand that requires grad, while
/// gradients are recorded (in-place ops are not differentiable: use <c>x = x + w</c>, or
/// <c>using (Tensor.NoGrad())</c>). They also refuse a target whose elements share memory (an Expand view).
/// Each returns this tensor, so calls chain.
/// </summary>
public sealed partial class Tensor
{
    /// <summary><c>this += alpha · other</c> (other broadcasts to this shape).</summary>
    public Tensor AddInPlace(Tensor other, double alpha = 1)
    {
        PrepareInPlace("AddInPlace", other);
        if (alpha == 1)
        {
            ElementwiseFunctions.BinaryInto(BinaryOp.Add, this, other, this);
        }
        else if (!DType.IsFloatingPoint())
        {
            throw new ArgumentException($"AddInPlace: alpha = {alpha} needs a float tensor; this one is {DType.Name()} (shape {Shape}). Pass alpha 1, or convert with To(DType.Float32).");
        }
        else if (DType == DType.Float32)
        {
            ElementwiseKernels.AddScaled(this, other, (float)alpha, this);
        }
        else
        {
            ElementwiseKernels.AddScaled(this, other, alpha, this);
        }

        BumpVersion();
        return this;
    }

    /// <summary><c>this += s</c>.</summary>
    public Tensor AddInPlace(double s) => ScalarInPlace("AddInPlace", BinaryOp.Add, s);

    /// <summary><c>this −= other</c> (broadcasting).</summary>
    public Tensor SubInPlace(Tensor other) => BinaryInPlace("SubInPlace", BinaryOp.Sub, other);

    /// <summary><c>this ·= other</c> (broadcasting).</summary>
    public Tensor MulInPlace(Tensor other) => BinaryInPlace("MulInPlace", BinaryOp.Mul, other);

    /// <summary><c>this ·= s</c>.</summary>
    public Tensor MulInPlace(double s) => ScalarInPlace("MulInPlace", BinaryOp.Mul, s);

    /// <summary><c>this /= other</c> (broadcasting).</summary>
    public Tensor DivInPlace(Tensor other) => BinaryInPlace("DivInPlace", BinaryOp.Div, other);

    /// <summary><c>this /= s</c>.</summary>
    public Tensor DivInPlace(double s) => ScalarInPlace("DivInPlace", BinaryOp.Div, s);

    /// <summary>Limits every element to [<paramref name="min"/>, <paramref name="max"/>] in place.</summary>
    public Tensor ClampInPlace(double? min = null, double? max = null)
    {
        if (min is { } lo)
        {
            ScalarInPlace("ClampInPlace", BinaryOp.Max, lo);
        }

        if (max is { } hi)
        {
            ScalarInPlace("ClampInPlace", BinaryOp.Min, hi);
        }

        return this;
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public Tensor FillInPlace(double value)
    {
        CheckWritable("FillInPlace");
        FillUnchecked(value);
        BumpVersion();
        return this;
    }

    /// <summary>Sets every element to 0.</summary>
    public Tensor ZeroInPlace() => FillInPlace(0);

    /// <summary>Copies <paramref name="source"/> (broadcast to this shape, converted to this dtype) into this tensor.</summary>
    public Tensor CopyFrom(Tensor source)
    {
        CheckWritable("CopyFrom");
        CheckOperand("CopyFrom", source);
        if (!Broadcasting.CanBroadcastTo(source.ShapeArray, ShapeArray))
        {
            throw new ArgumentException($"CopyFrom: a tensor of shape {source.Shape} cannot be broadcast into shape {Shape}.");
        }

        source.CopyInto(this);
        BumpVersion();
        return this;
    }

    private Tensor BinaryInPlace(string op, BinaryOp kernel, Tensor other)
    {
        PrepareInPlace(op, other);
        ElementwiseFunctions.BinaryInto(kernel, this, other, this);
        BumpVersion();
        return this;
    }

    private Tensor ScalarInPlace(string op, BinaryOp kernel, double s)
    {
        CheckWritable(op);
        ElementwiseFunctions.ScalarInto(kernel, this, s, scalarFirst: false, this);
        BumpVersion();
        return this;
    }

    private void PrepareInPlace(string op, Tensor other)
    {
        CheckWritable(op);
        CheckOperand(op, other);
        ElementwiseFunctions.CheckDType(op, this, other);
        if (!Broadcasting.CanBroadcastTo(other.ShapeArray, ShapeArray))
        {
            throw new ArgumentException(
                $"{op}: shape {other.Shape} cannot be broadcast into shape {Shape} (an in-place result keeps this tensor's shape).");
        }
    }

    /// <summary>Throws when <paramref name="other"/> requires grad while recording: the in-place write would drop its gradient.</summary>
    private static void CheckOperand(string op, Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.RequiresGrad && GradMode.Enabled)
        {
            throw new InvalidOperationException(
                $"{op}: the other operand requires grad; in-place ops are not differentiable: use x = x + w, or run under Tensor.NoGrad().");
        }
    }
}
