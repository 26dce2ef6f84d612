using Gradwire.Scalars;
using Gradwire.Tensors;

namespace Gradwire.Tests.Autograd;

/// <summary>
/// The tensor rule table against the scalar one: every element-wise op that both <see cref="Tensor"/> and
/// <see cref="Value"/> have, its float64 gradient (and second derivative) on a grid with edge points — 0, tiny,
/// huge (x² overflows), next to domain edges. Where the scalar engine refuses a point (outside the domain, an
/// infinite derivative) the point is skipped.
/// </summary>
public sealed class TensorRuleTableTests
{
    private static readonly double[] Grid =
    [
        0, 1e-300, -1e-300, 1e-200, -1e-8, 1e-8, 0.3, -0.3, 1 - 1e-12, -(1 - 1e-12), 1, -1, 1 + 1e-12, -(1 + 1e-12),
        1 + 1e-6, 2, -2, 30, -30, 700, -700, 1e8, -1e8, 1e154, -1e154, 1e200, -1e200,
    ];

    public static TheoryData<string> UnaryNames => new()
    {
        "neg", "sqrt", "exp", "log", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
        "asinh", "acosh", "atanh", "sigmoid", "relu", "abs",
    };

    private static (Func<Tensor, Tensor> T, Func<Value, Value> V, double Limit) Unary(string name) => name switch
    {
        "neg" => (x => -x, x => -x, double.MaxValue),
        "sqrt" => (x => x.Sqrt(), x => x.Sqrt(), double.MaxValue),
        "exp" => (x => x.Exp(), x => x.Exp(), double.MaxValue),
        "log" => (x => x.Log(), x => x.Log(), double.MaxValue),
        // Periodic functions: huge arguments test argument reduction of the forward kernels, not the rules.
        "sin" => (x => x.Sin(), x => x.Sin(), 1e3),
        "cos" => (x => x.Cos(), x => x.Cos(), 1e3),
        "tan" => (x => x.Tan(), x => x.Tan(), 1e3),
        "asin" => (x => x.Asin(), x => x.Asin(), double.MaxValue),
        "acos" => (x => x.Acos(), x => x.Acos(), double.MaxValue),
        "atan" => (x => x.Atan(), x => x.Atan(), double.MaxValue),
        "sinh" => (x => x.Sinh(), x => x.Sinh(), double.MaxValue),
        "cosh" => (x => x.Cosh(), x => x.Cosh(), double.MaxValue),
        "tanh" => (x => x.Tanh(), x => x.Tanh(), double.MaxValue),
        "asinh" => (x => x.Asinh(), x => x.Asinh(), double.MaxValue),
        "acosh" => (x => x.Acosh(), x => x.Acosh(), double.MaxValue),
        "atanh" => (x => x.Atanh(), x => x.Atanh(), double.MaxValue),
        "sigmoid" => (x => x.Sigmoid(), x => x.Sigmoid(), double.MaxValue),
        "relu" => (x => x.Relu(), x => x.Relu(), double.MaxValue),
        "abs" => (x => x.Abs(), x => x.Abs(), double.MaxValue),
        _ => throw new ArgumentException(name),
    };

    /// <summary>The scalar engine's first and second derivative at x, or null where it refuses the point.</summary>
    private static (double D1, double D2)? ScalarDerivatives(Func<Value, Value> f, double x)
    {
        try
        {
            var leaf = new Value(x);
            var y = f(leaf);
            if (!double.IsFinite(y.Data))
            {
                return null;
            }

            var d1 = Value.Gradients(y, [leaf], createGraph: true)[0];
            var d2 = d1.IsLeaf || d1.Children.Count == 0 ? 0 : Value.Gradients(d1, [leaf], createGraph: false)[0].Data;
            return double.IsFinite(d1.Data) ? (d1.Data, d2) : null;
        }
        catch (ArithmeticException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool Close(double expected, double actual, double relative) =>
        expected == actual || Math.Abs(expected - actual) <= relative * Math.Abs(expected) || (double.IsNaN(expected) && double.IsNaN(actual));

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void Tensor_gradients_equal_the_scalar_rules_on_the_edge_grid(string name)
    {
        var (tf, vf, limit) = Unary(name);
        var points = new List<double>();
        var expected1 = new List<double>();
        var expected2 = new List<double>();
        foreach (var x in Grid)
        {
            if (Math.Abs(x) <= limit && ScalarDerivatives(vf, x) is { } d)
            {
                points.Add(x);
                expected1.Add(d.D1);
                expected2.Add(d.D2);
            }
        }

        Assert.True(points.Count >= 5, $"{name}: only {points.Count} grid points in the domain");
        using var enable = Tensor.EnableGrad();
        var t = Tensor.FromArray(points.ToArray());
        t.RequiresGrad = true;
        var g1 = Diff.Gradients([tf(t).Sum()], [t], null, createGraph: true)[0];
        var first = g1.ToDoubleArray();
        var second = g1.RequiresGrad ? Diff.Gradients([g1.Sum()], [t])[0].ToDoubleArray() : new double[points.Count];
        var failures = new List<string>();
        for (var i = 0; i < points.Count; i++)
        {
            // Gradients agree to rounding; second derivatives (a longer chain of rounded ops) a little looser.
            if (!Close(expected1[i], first[i], 1e-12))
            {
                failures.Add($"{name}′({points[i]:R}): Value {expected1[i]:R}, Tensor {first[i]:R}");
            }

            if (double.IsFinite(expected2[i]) && !Close(expected2[i], second[i], 1e-9))
            {
                failures.Add($"{name}″({points[i]:R}): Value {expected2[i]:R}, Tensor {second[i]:R}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    public static TheoryData<string> BinaryNames => new() { "add", "sub", "mul", "div", "pow", "atan2", "max", "min" };

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void Binary_tensor_gradients_equal_the_scalar_rules_on_the_edge_grid(string name)
    {
        Func<Tensor, Tensor, Tensor> tf = name switch
        {
            "add" => (a, b) => a + b,
            "sub" => (a, b) => a - b,
            "mul" => (a, b) => a * b,
            "div" => (a, b) => a / b,
            "pow" => Tensor.Pow,
            "atan2" => Tensor.Atan2,
            "max" => Tensor.Max,
            _ => Tensor.Min,
        };
        Func<Value, Value, Value> vf = name switch
        {
            "add" => (a, b) => a + b,
            "sub" => (a, b) => a - b,
            "mul" => (a, b) => a * b,
            "div" => (a, b) => a / b,
            "pow" => Value.Pow,
            "atan2" => Value.Atan2,
            "max" => Value.Max,
            _ => Value.Min,
        };
        double[] values = [0, 1e-200, -0.5, 0.5, 1, 2, -3, 1e100];
        var a = new List<double>();
        var b = new List<double>();
        var ea = new List<double>();
        var eb = new List<double>();
        foreach (var x in values)
        {
            foreach (var y in values)
            {
                try
                {
                    var (va, vb) = (new Value(x), new Value(y));
                    var output = vf(va, vb);
                    var g = Value.Gradients(output, [va, vb], createGraph: false);
                    if (double.IsFinite(output.Data) && double.IsFinite(g[0].Data) && double.IsFinite(g[1].Data))
                    {
                        a.Add(x);
                        b.Add(y);
                        ea.Add(g[0].Data);
                        eb.Add(g[1].Data);
                    }
                }
                catch (Exception e) when (e is ArithmeticException or InvalidOperationException)
                {
                    // the scalar engine refuses the point: outside the domain
                }
            }
        }

        using var enable = Tensor.EnableGrad();
        var ta = Tensor.FromArray(a.ToArray());
        var tb = Tensor.FromArray(b.ToArray());
        ta.RequiresGrad = true;
        tb.RequiresGrad = true;
        var grads = Diff.Gradients([tf(ta, tb).Sum()], [ta, tb]);
        var ga = grads[0].ToDoubleArray();
        var gb = grads[1].ToDoubleArray();
        var failures = new List<string>();
        for (var i = 0; i < a.Count; i++)
        {
            if (!Close(ea[i], ga[i], 1e-12) || !Close(eb[i], gb[i], 1e-12))
            {
                failures.Add($"{name}({a[i]:R}, {b[i]:R}): Value ({ea[i]:R}, {eb[i]:R}), Tensor ({ga[i]:R}, {gb[i]:R})");
            }
        }

        Assert.True(a.Count >= 20, $"{name}: only {a.Count} points");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(-0.5)]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(-2.0)]
    [InlineData(1.7)]
    public void Constant_exponent_and_constant_base_gradients_equal_the_scalar_rules(double c)
    {
        using var enable = Tensor.EnableGrad();
        var points = Grid.Where(x => Math.Abs(x) <= 1e100).ToArray();
        var t = Tensor.FromArray(points);
        t.RequiresGrad = true;
        var power = Diff.Gradients([t.Pow(c).Sum()], [t])[0].ToDoubleArray();
        var exponential = c > 0 ? Diff.Gradients([Tensor.Pow(c, t).Sum()], [t])[0].ToDoubleArray() : null;
        var failures = new List<string>();
        var compared = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var leaf = new Value(points[i]);
            var y = leaf.Pow(c);
            var d = Value.Gradients(y, [leaf], createGraph: false)[0].Data;
            if (double.IsFinite(y.Data) && double.IsFinite(d))
            {
                compared++;
                if (!Close(d, power[i], 1e-12))
                {
                    failures.Add($"d/dx x^{c} at {points[i]:R}: Value {d:R}, Tensor {power[i]:R}");
                }
            }

            if (exponential is not null)
            {
                var e = Value.Pow(new Value(c), leaf);
                var de = Value.Gradients(e, [leaf], createGraph: false)[0].Data;
                if (double.IsFinite(e.Data) && double.IsFinite(de) && !Close(de, exponential[i], 1e-12))
                {
                    failures.Add($"d/dx {c}^x at {points[i]:R}: Value {de:R}, Tensor {exponential[i]:R}");
                }
            }
        }

        Assert.True(compared >= 5, $"only {compared} points");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Asinh_and_acosh_gradients_keep_their_digits_where_the_textbook_forms_lose_them()
    {
        using var enable = Tensor.EnableGrad();
        var x = Tensor.FromArray([1e200, -1e200, 1e154]);
        x.RequiresGrad = true;
        var g = Diff.Gradients([x.Asinh().Sum()], [x])[0].ToDoubleArray();
        Assert.Equal(1e-200, g[0], 1e-214);
        Assert.Equal(1e-200, g[1], 1e-214);
        Assert.Equal(1e-154, g[2], 1e-168);
        var near = Tensor.FromArray([1 + 1e-10]);
        near.RequiresGrad = true;
        var d = Diff.Gradients([near.Acosh().Sum()], [near])[0].Item();
        // 1/√((x − 1)(x + 1)) with x − 1 = 1e-10 exactly representable up to rounding of 1 + 1e-10.
        var exact = 1 / Math.Sqrt((near.Item() - 1) * (near.Item() + 1));
        Assert.Equal(exact, d, exact * 1e-14);
    }
}
