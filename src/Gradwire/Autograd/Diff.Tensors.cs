using System.Runtime.CompilerServices;
using Gradwire.Autograd;
using Gradwire.Tensors;

namespace Gradwire;

/// <summary>
/// Functional automatic differentiation in the style of JAX. This half takes tensor functions (the scalar
/// half takes <c>Value</c> functions). A function's input may itself be traced by an outer transformation:
/// then the inner gradient is computed with <c>createGraph</c>, so transformations nest
/// (<c>Diff.Grad(Diff.Grad(f))</c> is a second derivative).
/// </summary>
/// <remarks>
/// <c>Grad</c> and <c>ValueAndGrad</c> share their names with the scalar half. A lambda with an untyped
/// parameter binds to the scalar overloads (they have priority); give tensor lambdas a typed parameter:
/// <c>Diff.Grad((Tensor x) =&gt; x.Exp().Sum())</c>.
/// </remarks>
public static partial class Diff
{
    /// <summary>
    /// The gradients of <paramref name="outputs"/> with respect to <paramref name="inputs"/> (which must require
    /// grad), like <c>torch.autograd.grad</c>: each output is weighted by its entry of
    /// <paramref name="gradOutputs"/> (null entries, or null, for one-element outputs). Returns one tensor per
    /// input (zeros when an input does not influence the outputs). Nothing is accumulated into
    /// <see cref="Tensor.Grad"/>. With <paramref name="createGraph"/> the result can be differentiated again.
    /// </summary>
    public static Tensor[] Gradients(Tensor[] outputs, Tensor[] inputs, Tensor?[]? gradOutputs = null, bool createGraph = false)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(inputs);
        var captured = Engine.Grad(outputs, inputs, gradOutputs, createGraph);
        var result = new Tensor[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            result[i] = captured[i] ?? Tensor.ZerosLike(inputs[i]);
        }

        return result;
    }

    /// <summary>∇f: the function x ↦ ∂f/∂x for a scalar-valued <paramref name="f"/>.</summary>
    [OverloadResolutionPriority(-1)]
    public static Func<Tensor, Tensor> Grad(Func<Tensor, Tensor> f) => x => ValueAndGrad(f)(x).Grad;

    /// <summary>∇f for a function of several tensors: one gradient per argument.</summary>
    [OverloadResolutionPriority(-1)]
    public static Func<Tensor[], Tensor[]> Grad(Func<Tensor[], Tensor> f) => xs =>
    {
        var (leaves, nested) = Trace(xs);
        var y = Call(f, leaves);
        CheckScalar("Grad", y);
        return Gradients([y], leaves, null, nested);
    };

    /// <summary>x ↦ (f(x), ∇f(x)) for a scalar-valued <paramref name="f"/>, in one forward and one backward pass.</summary>
    [OverloadResolutionPriority(-1)]
    public static Func<Tensor, (Tensor Value, Tensor Grad)> ValueAndGrad(Func<Tensor, Tensor> f) => x =>
    {
        var (leaf, nested) = Trace(x);
        var y = Call(f, leaf);
        CheckScalar("ValueAndGrad", y);
        var grad = Gradients([y], [leaf], null, nested)[0];
        return (nested ? y : y.Detach(), grad);
    };

    /// <summary>
    /// The value of <paramref name="f"/> at <paramref name="x"/> and its pullback <c>v ↦ vᵀ J</c> (J the
    /// Jacobian at x; v has the output's shape). The pullback can be called many times.
    /// </summary>
    public static (Tensor Value, Func<Tensor, Tensor> Pullback) Vjp(Func<Tensor, Tensor> f, Tensor x)
    {
        var (leaf, nested) = Trace(x);
        var y = Call(f, leaf);
        Tensor Pullback(Tensor v) => y.RequiresGrad ? Gradients([y], [leaf], [v], nested)[0] : Tensor.ZerosLike(leaf);
        return (nested ? y : y.Detach(), Pullback);
    }

    /// <summary>
    /// The value of <paramref name="f"/> at <paramref name="x"/> and the directional derivative <c>J v</c> along
    /// <paramref name="tangent"/>, computed by the double-VJP trick: <c>J v = ∂(uᵀJ)/∂u · v</c>.
    /// </summary>
    public static (Tensor Value, Tensor Tangent) Jvp(Func<Tensor, Tensor> f, Tensor x, Tensor tangent)
    {
        CheckLike("Jvp", x, tangent);
        var (leaf, nested) = Trace(x);
        var y = Call(f, leaf);
        if (!y.RequiresGrad)
        {
            return (y, Tensor.ZerosLike(y));
        }

        var u = Tensor.ZerosLike(y);
        u.RequiresGrad = true;
        var vjp = Gradients([y], [leaf], [u], createGraph: true)[0];
        var jv = vjp.RequiresGrad ? Gradients([vjp], [u], [tangent], nested)[0] : Tensor.ZerosLike(y);
        return (nested ? y : y.Detach(), jv);
    }

    /// <summary>The Hessian-vector product <c>H v</c> of a scalar-valued <paramref name="f"/> at <paramref name="x"/>, without forming H.</summary>
    public static Tensor Hvp(Func<Tensor, Tensor> f, Tensor x, Tensor v)
    {
        CheckLike("Hvp", x, v);
        var (leaf, nested) = Trace(x);
        var y = Call(f, leaf);
        CheckScalar("Hvp", y);
        var g = Gradients([y], [leaf], null, createGraph: true)[0];
        return g.RequiresGrad ? Gradients([g], [leaf], [v], nested)[0] : Tensor.ZerosLike(leaf);
    }

    /// <summary>The Hessian of a scalar-valued <paramref name="f"/> at <paramref name="x"/>: shape <c>x.Shape + x.Shape</c>.</summary>
    public static Tensor Hessian(Func<Tensor, Tensor> f, Tensor x)
    {
        var (leaf, _) = Trace(x);
        var y = Call(f, leaf);
        CheckScalar("Hessian", y);
        var g = Gradients([y], [leaf], null, createGraph: true)[0];
        return Rows(x, g, leaf);
    }

    /// <summary>The Jacobian of <paramref name="f"/> at <paramref name="x"/>: shape <c>f(x).Shape + x.Shape</c>, one VJP per output element.</summary>
    public static Tensor Jacobian(Func<Tensor, Tensor> f, Tensor x)
    {
        var (leaf, _) = Trace(x);
        var y = Call(f, leaf);
        return Rows(x, y, leaf);
    }

    /// <summary>One VJP per element of <paramref name="y"/>: the rows of dy/dx, stacked to <c>y.Shape + x.Shape</c>.</summary>
    private static Tensor Rows(Tensor x, Tensor y, Tensor leaf)
    {
        var rows = new Tensor[y.Numel];
        for (var i = 0; i < y.Numel; i++)
        {
            if (!y.RequiresGrad)
            {
                rows[i] = Tensor.ZerosLike(x);
                continue;
            }

            using var basis = Tensor.ZerosLike(y).DetachFromScope();
            basis.SetFlat(i, 1);
            rows[i] = Gradients([y], [leaf], [basis], createGraph: false)[0].Detach();
        }

        var shape = new int[y.Rank + x.Rank];
        y.ShapeArray.CopyTo(shape, 0);
        x.ShapeArray.CopyTo(shape, y.Rank);
        if (rows.Length == 0)
        {
            return Tensor.Zeros(Shape.Wrap(shape), x.DType);
        }

        return Tensor.Stack(rows).Reshape(shape);
    }

    private static (Tensor Leaf, bool Nested) Trace(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.RequiresGrad && GradMode.Enabled)
        {
            return (x, true);
        }

        var leaf = x.Detach();
        leaf.RequiresGrad = true;
        return (leaf, false);
    }

    private static (Tensor[] Leaves, bool Nested) Trace(Tensor[] xs)
    {
        ArgumentNullException.ThrowIfNull(xs);
        var leaves = new Tensor[xs.Length];
        var nested = false;
        for (var i = 0; i < xs.Length; i++)
        {
            (leaves[i], var n) = Trace(xs[i]);
            nested |= n;
        }

        return (leaves, nested);
    }

    private static Tensor Call(Func<Tensor, Tensor> f, Tensor x)
    {
        using var enable = Tensor.EnableGrad();
        return f(x);
    }

    private static Tensor Call(Func<Tensor[], Tensor> f, Tensor[] xs)
    {
        using var enable = Tensor.EnableGrad();
        return f(xs);
    }

    private static void CheckScalar(string op, Tensor y)
    {
        if (y.Numel != 1)
        {
            throw new ArgumentException($"{op}: the function must return one element, but returned shape {y.Shape}; use Vjp or Jacobian for vector outputs.");
        }
    }

    private static void CheckLike(string op, Tensor x, Tensor v)
    {
        if (x.Shape != v.Shape || x.DType != v.DType)
        {
            throw new ArgumentException($"{op}: the vector has shape {v.Shape} ({v.DType.Name()}) but x has shape {x.Shape} ({x.DType.Name()}); they must match.");
        }
    }
}
