using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.Autograd;

/// <summary>
/// log1p, expm1, erf, erfc, silu, softplus, gelu, prod, norm, flip, tril/triu and einsum against central
/// finite differences in float64, first and second order, plus their edge semantics (zeros in prod, the
/// norm at 0, softplus's threshold) and their error messages.
/// </summary>
public sealed class MathOpGradientTests
{
    private static void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs)
    {
        var first = GradCheck.Check(f, inputs);
        Assert.True(first.Passed, "first order: " + first);
        var second = GradCheck.CheckSecondOrder(f, inputs);
        Assert.True(second.Passed, "second order: " + second);
    }

    [Fact]
    public void Special_functions_and_activations_pass_first_and_second_order_checks()
    {
        var x = TensorAssert.Random(31, [3, 4], -2.5, 2.5);
        Check(xs => (xs[0].Abs() - 0.5).Log1p(), x);
        Check(xs => xs[0].Expm1(), x);
        Check(xs => xs[0].Erf(), x);
        Check(xs => xs[0].Erfc(), x);
        Check(xs => (xs[0] * 0.35).Erfinv(), x);
        Check(xs => xs[0].Silu(), x);
        Check(xs => xs[0].Softplus(), x);
        Check(xs => xs[0].Softplus(2, 3), x);
        Check(xs => xs[0].Gelu(), x);
        Check(xs => xs[0].Gelu("tanh"), x);
        Check(xs => xs[0].MT.Erf(), x); // strided input
    }

    [Fact]
    public void Products_norms_and_rearrangements_pass_first_and_second_order_checks()
    {
        var x = TensorAssert.Random(32, [2, 3, 4], 0.5, 1.5);
        Check(xs => xs[0].Prod(), x);
        Check(xs => xs[0].Prod(1), x);
        Check(xs => xs[0].Prod(-1, keepDim: true), x);
        var signed = TensorAssert.Random(33, [3, 4], -2, 2);
        Check(xs => xs[0].Norm(), signed);
        Check(xs => xs[0].Norm(2, 1, keepDim: true), signed);
        Check(xs => xs[0].Norm(1, 0), signed);
        Check(xs => xs[0].Norm(double.PositiveInfinity), signed);
        Check(xs => xs[0].Flip(0, 2), x);
        Check(xs => xs[0].Tril(), x);
        Check(xs => xs[0].Triu(1), x);
    }

    [Fact]
    public void Einsum_contractions_pass_first_and_second_order_checks()
    {
        var q = TensorAssert.Random(34, [2, 2, 3, 4]);
        var k = TensorAssert.Random(35, [2, 2, 5, 4]);
        Check(xs => Tensor.Einsum("bhqd,bhkd->bhqk", xs[0], xs[1]), q, k);
        Check(xs => Tensor.Einsum("bij,bjk->bik", xs[0], xs[1]), TensorAssert.Random(36, [2, 3, 4]), TensorAssert.Random(37, [2, 4, 2]));
        Check(xs => Tensor.Einsum("ii->i", xs[0]), TensorAssert.Random(38, [3, 3]));
        Check(xs => Tensor.Einsum("i,i->", xs[0], xs[1]), TensorAssert.Random(39, [4]), TensorAssert.Random(40, [4]));
        Check(xs => Tensor.Einsum("ij,jk,kl->il", xs[0], xs[1], xs[2]),
            TensorAssert.Random(41, [2, 3]), TensorAssert.Random(42, [3, 2]), TensorAssert.Random(43, [2, 2]));
    }

    [Fact]
    public void Einsum_agrees_with_matmul_transpose_and_sum()
    {
        var a = TensorAssert.Random(44, [2, 3, 4]);
        var b = TensorAssert.Random(45, [2, 4, 5]);
        TensorAssert.Close(a.MatMul(b), Tensor.Einsum("bij,bjk->bik", a, b), 1e-13);
        TensorAssert.Close(a.Transpose(1, 2).Contiguous(), Tensor.Einsum("bij->bji", a), 0);
        TensorAssert.Close(a.Sum([0, 1]), Tensor.Einsum("bij->j", a), 1e-13);
        TensorAssert.Close(a.MatMul(b).Sum(0), Tensor.Einsum("bij,bjk", a, b), 1e-13); // implicit output "ik": b is summed
        var row = TensorAssert.Random(46, [1, 4, 5]); // a size-1 batch broadcasts
        TensorAssert.Close(a.MatMul(row), Tensor.Einsum("bij,bjk->bik", a, row), 1e-13);
    }

    [Fact]
    public void Einsum_names_the_equation_and_the_problem()
    {
        var a = TensorAssert.Random(47, [2, 3]);
        var b = TensorAssert.Random(48, [4, 5]);
        Assert.Contains("operand 0 has 3 subscripts", Assert.Throws<ArgumentException>(() => Tensor.Einsum("ijk->i", a)).Message);
        Assert.Contains("index 'j' has size 3", Assert.Throws<ArgumentException>(() => Tensor.Einsum("ij,jk->ik", a, b)).Message);
        Assert.Contains("names 2 operands but 1", Assert.Throws<ArgumentException>(() => Tensor.Einsum("ij,jk->ik", a)).Message);
        Assert.Contains("'z' appears in no operand", Assert.Throws<ArgumentException>(() => Tensor.Einsum("ij->z", a)).Message);
        Assert.Contains("ellipsis", Assert.Throws<ArgumentException>(() => Tensor.Einsum("...j->j", a)).Message);
        Assert.Contains("dtypes differ", Assert.Throws<ArgumentException>(() => Tensor.Einsum("ij,ij->", a, a.To(DType.Float32))).Message);
    }

    [Fact]
    public void Prod_gradient_at_zeros_is_the_product_of_the_others_as_in_pytorch()
    {
        var x = Tensor.FromArray([2.0, 0, 3, 4]);
        x.RequiresGrad = true;
        TensorAssert.Values([0, 24, 0, 0], Diff.Gradients([x.Prod()], [x])[0], 0);
        var two = Tensor.FromArray([2.0, 0, 3, 0]);
        two.RequiresGrad = true;
        TensorAssert.Values([0, 0, 0, 0], Diff.Gradients([two.Prod()], [two])[0], 0);
        // Under createGraph the same values come from the differentiable form.
        using var enable = Tensor.EnableGrad();
        TensorAssert.Values([0, 24, 0, 0], Diff.Gradients([x.Prod()], [x], null, createGraph: true)[0], 0);
    }

    [Fact]
    public void Norm_gradient_at_zero_is_zero_and_bad_p_is_refused()
    {
        var x = Tensor.Zeros([2, 3], DType.Float64);
        x.RequiresGrad = true;
        TensorAssert.Values(new double[6], Diff.Gradients([x.Norm()], [x])[0], 0);
        Assert.Contains("p must be 1, 2", Assert.Throws<ArgumentOutOfRangeException>(() => x.Norm(3)).Message);
    }

    [Fact]
    public void Softplus_is_the_identity_above_its_threshold_and_gelu_validates_its_option()
    {
        var x = Tensor.FromArray([25.0, 1000, -1000]);
        TensorAssert.Values([25, 1000, 0], x.Softplus(), 0);
        TensorAssert.Values([Math.Log(1 + Math.Exp(2.0)) / 2], Tensor.FromArray([1.0]).Softplus(2, 5), 1e-15);
        Assert.Contains("approximate must be", Assert.Throws<ArgumentException>(() => x.Gelu("erf")).Message);
        Assert.Contains("beta must be", Assert.Throws<ArgumentOutOfRangeException>(() => x.Softplus(0)).Message);
        Assert.Contains("rank 2 or more", Assert.Throws<ArgumentException>(() => x.Tril()).Message);
        Assert.Contains("listed twice", Assert.Throws<ArgumentException>(() => x.Flip(0, -1)).Message);
    }

    [Fact]
    public void Log1p_expm1_and_erf_keep_their_digits_in_float32_and_float64()
    {
        TensorAssert.Values([1e-10 - 5e-21], Tensor.FromArray([1e-10]).Log1p(), 1e-15);
        TensorAssert.Values([1e-10 + 5e-21], Tensor.FromArray([1e-10]).Expm1(), 1e-15);
        var f = Tensor.FromArray([1e-10f, 0.5f]);
        Assert.Equal(1e-10f, f.Log1p().ToArray<float>()[0]);
        Assert.Equal((float)Math.Log(1.5), f.Log1p().ToArray<float>()[1]);
        Assert.Equal(-1.0, Tensor.FromArray([-30.0]).Erf().Item());
        Assert.Equal(0.0, Tensor.FromArray([0.0]).Erf().Item());
        var inverse = Tensor.FromArray([-0.999, -0.3, 0.0, 0.6, 0.99]);
        TensorAssert.Values(inverse.ToDoubleArray(), inverse.Erfinv().Erf(), 1e-15);
        Assert.Equal(double.PositiveInfinity, Tensor.FromArray([1.0]).Erfinv().Item());
        Assert.True(double.IsNaN(Tensor.FromArray([1.5]).Erfinv().Item()));
    }
}
