using Gradwire.NN;
using Gradwire.Tensors;
using Tensor = Gradwire.Tensors.Tensor;

namespace Gradwire.Optim;

/// <summary>
/// L-BFGS (PyTorch's variant without line search): a quasi-Newton method that builds an approximate inverse
/// Hessian from the last <see cref="HistorySize"/> pairs (s = step, y = change of gradient) with the two-loop
/// recursion, and steps <c>w ← w + t·d</c> along <c>d = −H·g</c> (t = lr; on the very first iteration
/// <c>min(1, 1/‖g‖₁)·lr</c>). Each <see cref="Step(Func{Tensor})"/> runs up to <see cref="MaxIterations"/>
/// iterations, re-evaluating the loss through the closure. For small, full-batch problems.
/// </summary>
public sealed class Lbfgs : Optimizer
{
    private readonly List<double[]> _dirs = [];
    private readonly List<double[]> _steps = [];
    private double[]? _direction;
    private double[]? _previousGrad;
    private double _t;
    private double _hDiag = 1;
    private long _iterations;

    /// <summary>Creates the optimizer.</summary>
    public Lbfgs(IEnumerable<Parameter> parameters, double learningRate = 1, int maxIterations = 20, int historySize = 100,
        double toleranceGrad = 1e-7, double toleranceChange = 1e-9)
        : base(parameters, learningRate)
    {
        if (maxIterations < 1 || historySize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIterations), "lbfgs: maxIterations and historySize must be ≥ 1.");
        }

        MaxIterations = maxIterations;
        HistorySize = historySize;
        ToleranceGrad = toleranceGrad;
        ToleranceChange = toleranceChange;
    }

    /// <summary>Iterations per <see cref="Step(Func{Tensor})"/>.</summary>
    public int MaxIterations { get; }

    /// <summary>How many (s, y) pairs are kept.</summary>
    public int HistorySize { get; }

    /// <summary>Stop when the largest gradient entry is at most this.</summary>
    public double ToleranceGrad { get; }

    /// <summary>Stop when the step or the loss changes by less than this.</summary>
    public double ToleranceChange { get; }

    /// <inheritdoc />
    public override string Name => "lbfgs";

    /// <summary>L-BFGS re-evaluates the loss: call <see cref="Step(Func{Tensor})"/> with a closure instead.</summary>
    public override void Step() =>
        throw new InvalidOperationException("lbfgs: Step() needs a closure that zeroes the gradients, computes the loss, calls Backward() and returns the loss: Step(() => ...).");

    /// <summary>
    /// Runs up to <see cref="MaxIterations"/> iterations. <paramref name="closure"/> must zero the gradients,
    /// compute the loss, call <c>Backward()</c> and return the loss. Returns the loss of the first evaluation.
    /// </summary>
    public double Step(Func<Tensor> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        var firstLoss = Evaluate(closure);
        var loss = firstLoss;
        var g = GatherGrad();
        if (MaxAbs(g) <= ToleranceGrad)
        {
            return firstLoss;
        }

        for (var n = 1; n <= MaxIterations; n++)
        {
            _iterations++;
            if (_iterations == 1 || _direction is null || _previousGrad is null)
            {
                _direction = new double[g.Length];
                for (var i = 0; i < g.Length; i++)
                {
                    _direction[i] = -g[i];
                }

                _dirs.Clear();
                _steps.Clear();
                _hDiag = 1;
            }
            else
            {
                var y = new double[g.Length];
                var s = new double[g.Length];
                for (var i = 0; i < g.Length; i++)
                {
                    y[i] = g[i] - _previousGrad[i];
                    s[i] = _direction[i] * _t;
                }

                var ys = Dot(y, s);
                if (ys > 1e-10)
                {
                    if (_dirs.Count == HistorySize)
                    {
                        _dirs.RemoveAt(0);
                        _steps.RemoveAt(0);
                    }

                    _dirs.Add(y);
                    _steps.Add(s);
                    _hDiag = ys / Dot(y, y);
                }

                _direction = TwoLoop(g);
            }

            _previousGrad = (double[])g.Clone();
            var previousLoss = loss;
            _t = _iterations == 1 ? Math.Min(1, 1 / SumAbs(g)) * LearningRate : LearningRate;
            var gtd = Dot(g, _direction);
            if (gtd > -ToleranceChange)
            {
                break;
            }

            AddToParameters(_t, _direction);
            if (n != MaxIterations)
            {
                loss = Evaluate(closure);
                g = GatherGrad();
            }

            if (MaxAbs(g) <= ToleranceGrad || MaxAbs(_direction) * Math.Abs(_t) <= ToleranceChange
                || Math.Abs(loss - previousLoss) < ToleranceChange)
            {
                break;
            }
        }

        return firstLoss;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>(base.StateDict());
        state["lbfgs.t"] = Scalar(_t);
        state["lbfgs.h_diag"] = Scalar(_hDiag);
        state["lbfgs.iterations"] = Scalar(_iterations);
        if (_direction is not null && _previousGrad is not null)
        {
            state["lbfgs.direction"] = Vector(_direction);
            state["lbfgs.previous_grad"] = Vector(_previousGrad);
        }

        for (var k = 0; k < _dirs.Count; k++)
        {
            state[$"lbfgs.dir.{k}"] = Vector(_dirs[k]);
            state[$"lbfgs.step.{k}"] = Vector(_steps[k]);
        }

        return state;
    }

    /// <inheritdoc />
    public override void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rest = new Dictionary<string, Tensor>();
        foreach (var (key, value) in state)
        {
            if (!key.StartsWith("lbfgs.", StringComparison.Ordinal))
            {
                rest[key] = value;
            }
        }

        base.LoadStateDict(rest);
        _t = state.TryGetValue("lbfgs.t", out var t) ? t.Item() : 0;
        _hDiag = state.TryGetValue("lbfgs.h_diag", out var h) ? h.Item() : 1;
        _iterations = state.TryGetValue("lbfgs.iterations", out var it) ? (long)it.Item() : 0;
        _direction = state.TryGetValue("lbfgs.direction", out var d) ? d.ToDoubleArray() : null;
        _previousGrad = state.TryGetValue("lbfgs.previous_grad", out var pg) ? pg.ToDoubleArray() : null;
        _dirs.Clear();
        _steps.Clear();
        for (var k = 0; state.TryGetValue($"lbfgs.dir.{k}", out var dir) && state.TryGetValue($"lbfgs.step.{k}", out var step); k++)
        {
            _dirs.Add(dir.ToDoubleArray());
            _steps.Add(step.ToDoubleArray());
        }
    }

    /// <inheritdoc />
    protected override void Update<T>(int index, Span<T> w, ReadOnlySpan<T> g, bool decay) =>
        throw new InvalidOperationException("lbfgs updates all parameters at once in Step(closure).");

    private static Tensor Scalar(double value) => Tensor.Scalar(value, DType.Float64).DetachFromScope();

    private static Tensor Vector(double[] values) => Tensor.FromArray(values).DetachFromScope();

    private double[] TwoLoop(double[] g)
    {
        var count = _dirs.Count;
        var alphas = new double[count];
        var rhos = new double[count];
        var q = new double[g.Length];
        for (var i = 0; i < g.Length; i++)
        {
            q[i] = -g[i];
        }

        for (var k = count - 1; k >= 0; k--)
        {
            rhos[k] = 1 / Dot(_dirs[k], _steps[k]);
            alphas[k] = Dot(_steps[k], q) * rhos[k];
            Axpy(-alphas[k], _dirs[k], q);
        }

        for (var i = 0; i < q.Length; i++)
        {
            q[i] *= _hDiag;
        }

        for (var k = 0; k < count; k++)
        {
            var beta = Dot(_dirs[k], q) * rhos[k];
            Axpy(alphas[k] - beta, _steps[k], q);
        }

        return q;
    }

    private static double Evaluate(Func<Tensor> closure)
    {
        using var grad = Tensor.EnableGrad();
        return closure().Item();
    }

    private double[] GatherGrad()
    {
        var total = 0;
        foreach (var p in Parameters)
        {
            total += p.Numel;
        }

        var flat = new double[total];
        var at = 0;
        foreach (var p in Parameters)
        {
            if (p.Grad is { } grad)
            {
                grad.ToDoubleArray().CopyTo(flat, at);
            }

            at += p.Numel;
        }

        return flat;
    }

    private void AddToParameters(double t, double[] d)
    {
        var at = 0;
        using var noGrad = Tensor.NoGrad();
        foreach (var p in Parameters)
        {
            var update = Tensor.FromArray(d.AsSpan(at, p.Numel), p.Shape);
            p.Value.AddInPlace(p.Value.DType == DType.Float64 ? update : update.To(p.Value.DType), t);
            at += p.Numel;
        }
    }

    private static double Dot(double[] a, double[] b) => System.Numerics.Tensors.TensorPrimitives.Dot<double>(a, b);

    private static void Axpy(double alpha, double[] x, double[] y)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    private static double MaxAbs(double[] values) => values.Length == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.MaxMagnitude<double>(values) is var m ? Math.Abs(m) : 0;

    private static double SumAbs(double[] values) => System.Numerics.Tensors.TensorPrimitives.SumOfMagnitudes<double>(values);
}
