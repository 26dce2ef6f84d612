using FsCheck;
using FsCheck.Fluent;
using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.Autograd;

/// <summary>FsCheck properties over random shapes and values; seeded through the generator seed, bounded case counts.</summary>
public sealed class GradientPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(25).WithReplay(20261122UL, 7UL);

    private static int[] RandomShape(Generator g, int maxRank)
    {
        var rank = g.NextInt(maxRank + 1);
        var shape = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            shape[i] = 1 + g.NextInt(3);
        }

        return shape;
    }

    /// <summary>A shape that broadcasts with <paramref name="shape"/>: a suffix with some sizes set to 1.</summary>
    private static int[] BroadcastPartner(Generator g, int[] shape)
    {
        var rank = g.NextInt(shape.Length + 1);
        var partner = shape[^rank..].ToArray();
        for (var i = 0; i < partner.Length; i++)
        {
            if (g.NextInt(3) == 0)
            {
                partner[i] = 1;
            }
        }

        return partner;
    }

    [Fact]
    public void Broadcast_binary_ops_pass_gradient_checks_for_random_shapes()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var g = new Generator((ulong)seed);
            var shape = RandomShape(g, 3);
            var partner = BroadcastPartner(g, shape);
            var (a, b) = g.NextInt(2) == 0 ? (shape, partner) : (partner, shape);
            var x = TensorAssert.Random((ulong)seed, a, 0.5, 2);
            var y = TensorAssert.Random((ulong)seed + 1, b, 0.5, 2);
            var result = GradCheck.Check(xs => (xs[0] * xs[1] + xs[0] / xs[1]).Tanh() - xs[1].Sqrt(), [x, y]);
            return result.Passed;
        }).Check(Config);
    }

    [Fact]
    public void Sums_over_random_axis_sets_pass_gradient_checks()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var g = new Generator((ulong)seed ^ 0x5555);
            var shape = RandomShape(g, 4);
            var axes = Enumerable.Range(0, shape.Length).Where(_ => g.NextInt(2) == 0).ToArray();
            var keep = g.NextInt(2) == 0;
            var x = TensorAssert.Random((ulong)seed, shape);
            return GradCheck.Check(xs => (xs[0].Exp().Sum(axes, keep) + xs[0].Max(axes, keep)).Square(), [x]).Passed;
        }).Check(Config);
    }

    [Fact]
    public void Sum_of_broadcast_equals_size_times_value()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var g = new Generator((ulong)seed);
            var shape = RandomShape(g, 4);
            var value = g.NextDouble();
            var sum = Tensor.Scalar(value, DType.Float64).Expand(shape).Sum().Item();
            return Math.Abs(sum - value * Shape.Create(shape).Numel) < 1e-12;
        }).Check(Config);
    }

    [Fact]
    public void Permuting_and_permuting_back_is_the_identity_and_gradients_pass_through()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var g = new Generator((ulong)seed ^ 0xABCD);
            var shape = RandomShape(g, 4);
            var perm = Enumerable.Range(0, shape.Length).ToArray();
            g.Shuffle(perm.AsSpan());
            var inverse = new int[perm.Length];
            for (var i = 0; i < perm.Length; i++)
            {
                inverse[perm[i]] = i;
            }

            var x = TensorAssert.Random((ulong)seed, shape);
            var back = x.Permute(perm).Contiguous().Permute(inverse);
            return back.AllClose(x, 0, 0)
                   && GradCheck.Check(xs => xs[0].Permute(perm).Sin().Permute(inverse) * xs[0], [x]).Passed;
        }).Check(Config);
    }

    [Fact]
    public void Matmul_of_random_shapes_agrees_with_a_sum_of_products()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var g = new Generator((ulong)seed ^ 0x1234);
            int m = 1 + g.NextInt(9), k = 1 + g.NextInt(9), n = 1 + g.NextInt(9);
            var a = TensorAssert.Random((ulong)seed, [m, k]);
            var b = TensorAssert.Random((ulong)seed + 7, [n, k]).MT;
            var c = a.MatMul(b);
            var expected = (a.Unsqueeze(2) * b.Unsqueeze(0)).Sum(1);
            return c.AllClose(expected, 1e-12, 1e-12);
        }).Check(Config);
    }
}
