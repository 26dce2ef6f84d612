using Gradwire.Tensors;
using Gradwire.Tests.Tensors;

namespace Gradwire.Tests.Autograd;

public sealed class SecondOrderTests
{
    [Fact]
    public void Second_order_gradient_checks_pass_for_nonlinear_ops()
    {
        var x = TensorAssert.Random(1, [2, 3], 0.5, 1.5);
        var w = TensorAssert.Random(2, [3, 2]);
        void Check(Func<Tensor[], Tensor> f, params Tensor[] inputs)
        {
            var r = GradCheck.CheckSecondOrder(f, inputs);
            Assert.True(r.Passed, r.ToString());
        }

        Check(xs => xs[0].Tanh().MatMul(xs[1]).Sigmoid(), x, w);
        Check(xs => xs[0].LogSoftmax(1) * xs[0].Softmax(0), x);
        Check(xs => (xs[0].Exp() / xs[0].Sqrt()).Sum(1).Log(), x);
        Check(xs => xs[0].Sin() * xs[0].Cos() + xs[0].Pow(3) + xs[0].Atan(), x);
        Check(xs => xs[0].Gelu().LogSumExp(1), x);
        Check(xs => xs[0].Narrow(1, 1, 2).Square().Gather(1, Tensor.FromArray([1L, 0], [2, 1])), x);
    }

    [Fact]
    public void Backward_with_createGraph_gives_differentiable_gradients()
    {
        // f = x³: f' = 3x², f'' = 6x.
        var x = Tensor.FromArray([2.0]);
        x.RequiresGrad = true;
        x.Pow(3).Sum().Backward(createGraph: true);
        var g = x.Grad!;
        Assert.Equal(12, g.Item());
        Assert.True(g.RequiresGrad);
        var second = Diff.Gradients([g.Sum()], [x])[0];
        Assert.Equal(12, second.Item());
    }

    [Fact]
    public void Hessian_vector_product_matches_finite_differences_of_the_gradient()
    {
        static Tensor F(Tensor x) => x.Tanh().MatMul(x.MT).Sum() + x.Square().Sum();
        var x = TensorAssert.Random(3, [2, 3]);
        var v = TensorAssert.Random(4, [2, 3]);
        var hv = Diff.Hvp(F, x, v).ToDoubleArray();
        const double eps = 1e-5;
        var gPlus = Diff.Grad((Func<Tensor, Tensor>)F)(x + v * eps).ToDoubleArray();
        var gMinus = Diff.Grad((Func<Tensor, Tensor>)F)(x - v * eps).ToDoubleArray();
        for (var i = 0; i < hv.Length; i++)
        {
            Assert.Equal((gPlus[i] - gMinus[i]) / (2 * eps), hv[i], 6);
        }
    }

    [Fact]
    public void Hessian_of_a_quadratic_form_is_the_symmetrized_matrix()
    {
        var a = Tensor.FromArray([1.0, 2, 3, 4], [2, 2]);
        var h = Diff.Hessian(x => x.MatMul(a).MatMul(x), Tensor.FromArray([0.3, -0.7]));
        TensorAssert.Shape([2, 2], h);
        TensorAssert.Values([2, 5, 5, 8], h, 1e-12);
    }

    [Fact]
    public void Functional_api_grad_value_and_grad_vjp_jvp_jacobian()
    {
        var x = Tensor.FromArray([0.5, -1, 2]);
        var (value, grad) = Diff.ValueAndGrad((Tensor t) => t.Exp().Sum())(x);
        Assert.Equal(Math.Exp(0.5) + Math.Exp(-1) + Math.Exp(2), value.Item(), 12);
        TensorAssert.Values([Math.Exp(0.5), Math.Exp(-1), Math.Exp(2)], grad, 1e-12);
        Assert.False(x.RequiresGrad);

        var grads = Diff.Grad((Tensor[] ts) => (ts[0] * ts[1]).Sum())([x, Tensor.FromArray([1.0, 2, 3])]);
        TensorAssert.Values([1, 2, 3], grads[0]);
        TensorAssert.Values([0.5, -1, 2], grads[1]);

        static Tensor F(Tensor t) => Tensor.Stack([t.Select(0, 0) * t.Select(0, 1), t.Select(0, 2).Sin()]);
        var (y, pullback) = Diff.Vjp(F, x);
        TensorAssert.Values([-0.5, Math.Sin(2)], y, 1e-12);
        TensorAssert.Values([-1, 0.5, 0], pullback(Tensor.FromArray([1.0, 0])), 1e-12);
        TensorAssert.Values([0, 0, Math.Cos(2)], pullback(Tensor.FromArray([0.0, 1])), 1e-12);

        var (_, jv) = Diff.Jvp(F, x, Tensor.FromArray([1.0, 1, 1]));
        TensorAssert.Values([-1 + 0.5, Math.Cos(2)], jv, 1e-12);

        var jacobian = Diff.Jacobian(F, x);
        TensorAssert.Shape([2, 3], jacobian);
        TensorAssert.Values([-1, 0.5, 0, 0, 0, Math.Cos(2)], jacobian, 1e-12);
    }

    [Fact]
    public void Grad_of_grad_nests()
    {
        // d²/dx² sin(x) = −sin(x).
        Func<Tensor, Tensor> f = t => t.Sin().Sum();
        var second = Diff.Grad(t => Diff.Grad(f)(t).Sum())(Tensor.FromArray([0.7]));
        Assert.Equal(-Math.Sin(0.7), second.Item(), 12);
    }

    [Fact]
    public void Gradients_api_weights_outputs_and_returns_zeros_for_unused_inputs()
    {
        var a = Tensor.FromArray([1.0, 2]);
        a.RequiresGrad = true;
        var unused = Tensor.FromArray([5.0]);
        unused.RequiresGrad = true;
        var y = a * a;
        var grads = Diff.Gradients([y], [a, unused], [Tensor.FromArray([1.0, 10])]);
        TensorAssert.Values([2, 40], grads[0]);
        TensorAssert.Values([0], grads[1]);
        Assert.Null(a.Grad);
    }
}
