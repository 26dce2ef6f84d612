using Gradwire.Scalars;

namespace Gradwire;

/// <summary>
/// Functional differentiation with JAX's names: <c>Grad</c>, <c>ValueAndGrad</c>, <c>Jvp</c>, <c>Vjp</c>,
/// <c>Hessian</c>, <c>Derivative</c>. This part works on scalars (<see cref="Value"/> for reverse mode,
/// <see cref="Dual"/> for forward mode); tensors add their overloads in their own part.
/// </summary>
public static partial class Diff
{
    /// <summary>
    /// The derivative of <paramref name="f"/> as a function. The result is a differentiable graph
    /// (create-graph), so <c>Grad(Grad(f))</c> is the second derivative.
    /// </summary>
    /// <param name="f">A function of one scalar.</param>
    public static Func<Value, Value> Grad(Func<Value, Value> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return x => Value.Gradients(f(x), [x], createGraph: true)[0];
    }

    /// <summary>
    /// The gradient of <paramref name="f"/> as a function: one differentiable graph per input (create-graph),
    /// so it can be differentiated again.
    /// </summary>
    /// <param name="f">A function of several scalars.</param>
    public static Func<Value[], Value[]> Grad(Func<Value[], Value> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return x => Value.Gradients(f(x), x, createGraph: true);
    }

    /// <summary>The value and the derivative of <paramref name="f"/>, from one forward and one backward pass.</summary>
    /// <param name="f">A function of one scalar.</param>
    public static Func<Value, (Value Value, Value Grad)> ValueAndGrad(Func<Value, Value> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return x =>
        {
            var y = f(x);
            return (y, Value.Gradients(y, [x], createGraph: true)[0]);
        };
    }

    /// <summary>The value and the gradient of <paramref name="f"/>, from one forward and one backward pass.</summary>
    /// <param name="f">A function of several scalars.</param>
    public static Func<Value[], (Value Value, Value[] Grad)> ValueAndGrad(Func<Value[], Value> f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return x =>
        {
            var y = f(x);
            return (y, Value.Gradients(y, x, createGraph: true));
        };
    }

    /// <summary>
    /// Forward mode: the value of <paramref name="f"/> at <paramref name="primal"/> and its directional
    /// derivative f′(primal)·<paramref name="tangent"/>, in one pass with dual numbers.
    /// </summary>
    /// <param name="f">A function of one scalar, written over <see cref="Dual"/>.</param>
    /// <param name="primal">The point.</param>
    /// <param name="tangent">The direction.</param>
    public static (double Value, double Tangent) Jvp(Func<Dual, Dual> f, double primal, double tangent)
    {
        var (value, derivative) = Jvp(f, new Dual(primal), new Dual(tangent));
        return (value.Primal, derivative.Primal);
    }

    /// <summary>
    /// Forward mode for several inputs: the value of <paramref name="f"/> at <paramref name="primals"/> and
    /// the directional derivative ∇f · <paramref name="tangents"/>.
    /// </summary>
    /// <param name="f">A function of several scalars, written over <see cref="Dual"/>.</param>
    /// <param name="primals">The point.</param>
    /// <param name="tangents">The direction, one entry per input.</param>
    public static (double Value, double Tangent) Jvp(Func<Dual[], Dual> f, double[] primals, double[] tangents)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(primals);
        ArgumentNullException.ThrowIfNull(tangents);
        if (primals.Length != tangents.Length)
        {
            throw new ArgumentException(
                $"Jvp: {primals.Length} primals but {tangents.Length} tangents; give one tangent per input.",
                nameof(tangents));
        }

        var tag = Dual.NewTag();
        var inputs = new Dual[primals.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = Dual.Perturb(tag, primals[i], tangents[i]);
        }

        var y = f(inputs);
        return (Dual.PrimalOf(y, tag).Primal, Dual.TangentOf(y, tag).Primal);
    }

    /// <summary>
    /// Forward mode over duals, safe to nest: the value of <paramref name="f"/> at <paramref name="primal"/> and
    /// its directional derivative, both as duals that still carry any outer perturbation.
    /// </summary>
    /// <param name="f">A function of one scalar, written over <see cref="Dual"/>.</param>
    /// <param name="primal">The point (may itself be perturbed by an outer derivative).</param>
    /// <param name="tangent">The direction.</param>
    public static (Dual Value, Dual Tangent) Jvp(Func<Dual, Dual> f, Dual primal, Dual tangent)
    {
        ArgumentNullException.ThrowIfNull(f);
        var tag = Dual.NewTag();
        var y = f(Dual.Perturb(tag, primal, tangent));
        return (Dual.PrimalOf(y, tag), Dual.TangentOf(y, tag));
    }

    /// <summary>
    /// Forward mode, safe to nest: f′(<paramref name="at"/>) as a dual, so that
    /// <c>Derivative(x =&gt; x * Derivative(y =&gt; x + y, 1), 1)</c> is 1 (tags keep the two perturbations apart).
    /// </summary>
    /// <param name="f">A function of one scalar, written over <see cref="Dual"/>.</param>
    /// <param name="at">The point.</param>
    public static Dual Derivative(Func<Dual, Dual> f, Dual at) => Jvp(f, at, new Dual(1)).Tangent;

    /// <summary>
    /// Reverse mode: the value of <paramref name="f"/> at <paramref name="primals"/> and its pullback, which maps
    /// a cotangent c of the output to c·∇f (the graph is built once and reused by every pullback call).
    /// </summary>
    /// <param name="f">A function of several scalars.</param>
    /// <param name="primals">The point.</param>
    public static (double Value, Func<double, double[]> Pullback) Vjp(Func<Value[], Value> f, double[] primals)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(primals);
        var inputs = Leaves(primals);
        var y = f(inputs);
        var gradient = Value.Gradients(y, inputs, createGraph: false);
        return (y.Data, Pullback);

        double[] Pullback(double cotangent)
        {
            var result = new double[gradient.Length];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = cotangent * gradient[i].Data;
            }

            return result;
        }
    }

    /// <summary>
    /// The matrix of second derivatives H[i, j] = ∂²f / ∂xᵢ∂xⱼ at <paramref name="at"/>: the gradient is built
    /// as a graph (create-graph) and each of its entries is differentiated again.
    /// </summary>
    /// <param name="f">A function of several scalars.</param>
    /// <param name="at">The point.</param>
    public static double[,] Hessian(Func<Value[], Value> f, double[] at)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(at);
        var inputs = Leaves(at);
        return HessianOf(f(inputs), inputs);
    }

    /// <summary>The Hessian of an already built <paramref name="output"/> with respect to <paramref name="inputs"/>.</summary>
    internal static double[,] HessianOf(Value output, Value[] inputs)
    {
        var n = inputs.Length;
        var gradient = Value.Gradients(output, inputs, createGraph: true);
        var hessian = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            var row = Value.Gradients(gradient[i], inputs, createGraph: false);
            for (var j = 0; j < n; j++)
            {
                hessian[i, j] = row[j].Data;
            }
        }

        return hessian;
    }

    private static Value[] Leaves(double[] values)
    {
        var leaves = new Value[values.Length];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = new Value(values[i]);
        }

        return leaves;
    }
}
