using Gradwire.Circuits;
using Gradwire.Scalars;

namespace Gradwire.Tests.Docs;

/// <summary>The README's tour, line for line: if the README's code stops compiling or lies, this fails.</summary>
public sealed class ReadmeTourTests
{
    [Fact]
    public void A_gate_pulls_gradients_into_its_inputs()
    {
        var x = new Unit(-2.0);
        var y = new Unit(3.0);
        var gate = new MultiplyGate();
        var f = gate.Forward(x, y);
        f.Grad = 1.0;
        gate.Backward();

        Assert.Equal(-6.0, f.Value);
        Assert.Equal(3.0, x.Grad);
        Assert.Equal(-2.0, y.Grad);
    }

    [Fact]
    public void A_neuron_backpropagates_the_guides_numbers()
    {
        Value a = new(1.0, "a"), b = new(2.0, "b"), c = new(-3.0, "c");
        Value x = new(-1.0, "x"), y = new(3.0, "y");
        var s = (a * x + b * y + c).Sigmoid();
        s.Backward();

        Assert.Equal(0.8808, s.Data, 4);
        Assert.Equal(-0.105, a.Grad, 3);
        Assert.Equal(0.315, b.Grad, 3);
        Assert.Equal(0.105, c.Grad, 3);
        Assert.Equal(0.105, x.Grad, 3);
        Assert.Equal(0.210, y.Grad, 3);
    }

    [Fact]
    public void The_gradient_check_agrees()
    {
        var report = GradCheck.Gradient(v => (v[0] * v[3] + v[1] * v[4] + v[2]).Sigmoid(), [1, 2, -3, -1, 3]);

        Assert.True(report.MaxRelativeError < 1e-7, report.ToString());
    }

    [Fact]
    public void Derivatives_of_derivatives_and_forward_mode()
    {
        var d2 = Diff.Grad(Diff.Grad(t => t.Sin() * t));
        var h = Diff.Hessian(v => v[0] * v[0] * v[1], [3.0, 2.0]);
        var (value, slope) = Diff.Jvp((Dual t) => t.Exp(), 0.0, 1.0);

        // d²/dt² (t sin t) = 2 cos t − t sin t
        Assert.Equal(2 * Math.Cos(0.7) - 0.7 * Math.Sin(0.7), d2(new Value(0.7)).Data, 12);
        Assert.Equal(new double[,] { { 4, 6 }, { 6, 0 } }, h);
        Assert.Equal((1.0, 1.0), (value, slope));
    }
}

/// <summary>The README's tensor and training tour, as written there.</summary>
public sealed class ReadmeTensorTourTests
{
    [Fact]
    public void A_linear_layer_backpropagates_into_its_weight_and_bias()
    {
        var g = new Gradwire.Tensors.Generator(seed: 42);
        var w = Gradwire.Tensors.Tensor.KaimingUniform([3, 2], g);
        var b = Gradwire.Tensors.Tensor.Zeros([3]);
        w.RequiresGrad = b.RequiresGrad = true;
        var x = Gradwire.Tensors.Tensor.FromArray(new float[] { 1, 2, -1, 0.5f }, [2, 2]);
        var loss = (x.MatMul(w.MT) + b).Relu().Sum();
        loss.Backward();

        // d/db of Σ relu(xWᵀ + b) counts, per output unit, the rows where that unit fires.
        var pre = x.ToFloatArray();
        var weights = w.ToFloatArray();
        var expectedBias = new float[3];
        for (var row = 0; row < 2; row++)
        {
            for (var unit = 0; unit < 3; unit++)
            {
                var z = pre[row * 2] * weights[unit * 2] + pre[row * 2 + 1] * weights[unit * 2 + 1];
                expectedBias[unit] += z > 0 ? 1 : 0;
            }
        }

        Assert.Equal(expectedBias, b.Grad!.ToFloatArray());
        Assert.Equal("[3,2]", w.Grad!.Shape.ToString());
    }

    [Fact]
    public void The_spiral_trains_in_a_few_lines()
    {
        var data = Gradwire.Data.DatasetRegistry.Load("spiral");
        var model = Gradwire.NN.Mlp.Create([2, 100, 3], Gradwire.NN.Activation.Relu, new Gradwire.Tensors.Generator(1));
        var trainer = new Gradwire.Training.Trainer(model, new Gradwire.NN.CrossEntropyLoss(),
            new Gradwire.Optim.Adam(model.Parameters(), 0.01),
            new Gradwire.Data.DataLoader(data.Train, 32, shuffle: true, seed: 1));
        trainer.Fit(100);

        Assert.True(trainer.Evaluate(data.Test).Accuracy > 0.9);
    }

    [Fact]
    public void A_thread_limit_holds_for_its_block_only()
    {
        var outside = Gradwire.Kernels.Compute.Current.MaxThreads;
        using (Gradwire.Kernels.Compute.WithThreads(1))
        {
            Assert.Equal(1, Gradwire.Kernels.Compute.Current.MaxThreads);
        }

        Assert.Equal(outside, Gradwire.Kernels.Compute.Current.MaxThreads);
    }

    [Fact]
    public void The_guide_samples_return_their_numbers()
    {
        var gate = Gradwire.Guide.SingleGate.Run(Gradwire.Guide.SingleGate.GuideSettings);
        Assert.Equal([3.0, -2.0], gate.Analytic.Gradient!);
    }
}
