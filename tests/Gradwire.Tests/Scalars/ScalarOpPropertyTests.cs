using FsCheck;
using FsCheck.Fluent;
using Gradwire.Scalars;

namespace Gradwire.Tests.Scalars;

/// <summary>
/// Every primitive, at many random points inside its domain: reverse mode (Value) against forward mode (Dual)
/// against central differences in double; second derivatives from create-graph against forward-over-forward
/// (nested, tagged duals) and against central differences of the gradient.
/// </summary>
public sealed class ScalarOpPropertyTests
{
    private const int Cases = 40;

    // FsCheck draws the seeds (a fixed replay seed, a bounded number of cases): the run is deterministic.
    private static void ForAllPoints(OpCase op, Action<double[]> check)
    {
        // Seeds over the whole non-negative range: every case is a distinct point (System.Random folds -s onto s).
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var (a, b) = op.Sample(new Random(seed));
            check(op.Arity == 2 ? [a, b] : [a]);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithReplay(20261122UL, 1UL), property);
    }

    private static Value Build(OpCase op, Value[] x) => op.Apply(x[0], op.Arity == 2 ? x[1] : x[0]);

    private static Dual BuildDual(OpCase op, Dual[] x) => op.Apply(x[0], op.Arity == 2 ? x[1] : x[0]);

    [Theory]
    [MemberData(nameof(OpCase.Cases), MemberType = typeof(OpCase))]
    public void Reverse_mode_agrees_with_forward_mode_and_central_differences(string name)
    {
        var op = OpCase.Named(name);
        ForAllPoints(op, at =>
        {
            var inputs = at.Select(v => new Value(v)).ToArray();
            var output = Build(op, inputs);
            output.Backward();

            Assert.Equal(op.Apply(new Dual(at[0]), new Dual(at[^1])).Primal, output.Data); // one forward formula
            for (var i = 0; i < at.Length; i++)
            {
                var tangents = new double[at.Length];
                tangents[i] = 1;
                var (_, forward) = Diff.Jvp(x => BuildDual(op, x), at, tangents);
                Assert.True(Close(inputs[i].Grad, forward, 1e-13, 1e-15),
                    $"{name} at ({string.Join(", ", at)}): reverse {inputs[i].Grad} vs forward {forward}");
            }

            var check = GradCheck.Gradient(x => Build(op, x), at);
            Assert.True(check.Passes(1e-6, 1e-8), $"{name} at ({string.Join(", ", at)}): {check}");
        });
    }

    [Theory]
    [MemberData(nameof(OpCase.Cases), MemberType = typeof(OpCase))]
    public void Second_derivatives_agree_with_nested_forward_mode_and_differences_of_the_gradient(string name)
    {
        var op = OpCase.Named(name);
        ForAllPoints(op, at =>
        {
            var hessian = Diff.Hessian(x => Build(op, x), at);
            for (var i = 0; i < at.Length; i++)
            {
                for (var j = 0; j < at.Length; j++)
                {
                    var nested = ForwardOverForward(op, at, i, j);
                    Assert.True(Close(hessian[i, j], nested, 1e-11, 1e-13),
                        $"{name} at ({string.Join(", ", at)}): H[{i},{j}] create-graph {hessian[i, j]} vs nested duals {nested}");
                }
            }

            var check = GradCheck.Hessian(x => Build(op, x), at);
            Assert.True(check.Passes(1e-5, 1e-6), $"{name} at ({string.Join(", ", at)}): {check}");
        });
    }

    /// <summary>∂²f/∂xᵢ∂xⱼ as a derivative (tag u) of a derivative (tag v): both perturbations on the same inputs.</summary>
    private static double ForwardOverForward(OpCase op, double[] at, int i, int j) =>
        Diff.Derivative(u => Diff.Derivative(v =>
        {
            var x = new Dual[at.Length];
            for (var k = 0; k < at.Length; k++)
            {
                x[k] = at[k];
                if (k == i)
                {
                    x[k] = x[k] + v;
                }

                if (k == j)
                {
                    x[k] = x[k] + u;
                }
            }

            return BuildDual(op, x);
        }, 0), 0).Primal;

    private static bool Close(double actual, double expected, double relative, double absolute) =>
        Math.Abs(actual - expected) <= absolute + relative * Math.Abs(expected);
}
