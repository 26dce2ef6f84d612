using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Tests.Cli;

namespace Gradwire.Tests.NN;

/// <summary>The <c>cnn:</c> model grammar: layers it builds, errors it gives, and that such a network learns.</summary>
public sealed class CnnSpecTests
{
    [Fact]
    public void The_recipe_spec_builds_the_recipe_layers_with_pytorch_parameter_names()
    {
        var net = CnnSpec.Build("cnn:8c5-p2-16c5-p2-fc10", (1, 28, 28), 10, new Generator(1));
        var names = net.NamedParameters().Select(p => p.Key).ToArray();
        Assert.Equal(["1.weight", "1.bias", "4.weight", "4.bias", "8.weight", "8.bias"], names);
        Assert.Equal(new Shape(16, 8, 5, 5), net.NamedParameters()[2].Value.Value.Shape);
        Assert.Equal(new Shape(10, 784), net.NamedParameters()[4].Value.Value.Shape);
        Assert.Equal(new Shape(3, 10), net.Forward(Tensor.Zeros(new Shape(3, 784))).Shape);
        Assert.Equal(new Shape(3, 10), net.Forward(Tensor.Zeros(new Shape(3, 1, 28, 28))).Shape);
    }

    [Fact]
    public void Batch_norm_and_dropout_tokens_build_conv_bn_relu_and_channel_dropout_then_fc_relu_dropout()
    {
        var net = CnnSpec.Build("cnn:8c3b-p2-d0.25-fc32-d0.5-fc10", (1, 28, 28), 10, new Generator(1));
        var kinds = net.Children.Select(c => c.Value.GetType().Name).ToArray();
        Assert.Equal(
            ["ImageView", "Conv2d", "BatchNorm2d", "Relu", "MaxPool2d", "Dropout2d", "FlattenFeatures", "Linear", "Relu", "Dropout", "Linear"],
            kinds);
        // A conv followed by batch norm has no bias (the norm's β takes its place), as in PyTorch recipes.
        Assert.Equal(
            ["1.weight", "2.weight", "2.bias", "7.weight", "7.bias", "10.weight", "10.bias"],
            net.NamedParameters().Select(p => p.Key).ToArray());
        Assert.Contains("2.running_mean", net.StateDict().Keys);
        net.Eval();
        Assert.Equal(new Shape(2, 10), net.Forward(Tensor.Zeros(new Shape(2, 1, 28, 28))).Shape);
    }

    [Fact]
    public void The_same_seed_builds_the_same_dropout_masks()
    {
        var x = Tensor.Ones(new Shape(4, 1, 8, 8));
        var a = CnnSpec.Build("cnn:4c3-d0.5-fc2", (1, 8, 8), 2, new Generator(9)).Forward(x).ToArray<float>();
        var b = CnnSpec.Build("cnn:4c3-d0.5-fc2", (1, 8, 8), 2, new Generator(9)).Forward(x).ToArray<float>();
        Assert.Equal(a, b);
    }

    [Theory]
    [InlineData("cnn:8c5-d1.5", "dropout probability")]
    [InlineData("cnn:8c5-d", "dropout probability")]
    [InlineData("cnn:8x5", "unknown layer")]
    [InlineData("cnn:8c5-fc4-p2", "after an fc layer")]
    [InlineData("cnn:8c5--fc10", "empty layer")]
    [InlineData("cnn:8c0", "whole number")]
    [InlineData("cnn:8c5-fc7", "class count 10")]
    [InlineData("cnn:8c40", "kernel")]
    public void Bad_specs_are_refused_with_the_reason(string spec, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => CnnSpec.Build(spec, (1, 28, 28), 10, new Generator(1)));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void A_small_conv_net_learns_where_the_bright_bar_is()
    {
        // Class 0: a bright horizontal bar, class 1: a vertical one, at random places over noise.
        var g = new Generator(5);
        const int n = 64;
        var x = new float[n * 64];
        var y = new long[n];
        var rng = new Random(3);
        for (var s = 0; s < n; s++)
        {
            y[s] = s % 2;
            var at = rng.Next(8);
            for (var i = 0; i < 64; i++)
            {
                var (r, c) = (i / 8, i % 8);
                x[(s * 64) + i] = (float)(0.2 * rng.NextDouble()) + ((y[s] == 0 ? r : c) == at ? 1f : 0f);
            }
        }

        var net = CnnSpec.Build("cnn:4c3-p2-fc2", (1, 8, 8), 2, g);
        var opt = new Adam(net.Parameters(), 0.02);
        var input = Tensor.FromArray(x, new Shape(n, 1, 8, 8));
        var target = Tensor.FromArray(y);
        var loss = new CrossEntropyLoss();
        double first = 0, last = 0;
        for (var step = 0; step < 60; step++)
        {
            using var scope = TensorScope.Begin();
            opt.ZeroGrad();
            var l = loss.Forward(net.Forward(input), target);
            l.Backward();
            opt.Step();
            last = l.Item();
            if (step == 0)
            {
                first = last;
            }
        }

        Assert.True(last < 0.2 * first, $"loss went from {first} to {last}");
    }

    [Fact]
    public void Train_refuses_a_cnn_on_data_that_are_not_images()
    {
        var result = CliRunner.Run("train", "--data", "spiral", "--model", "cnn:4c3-fc3", "--epochs", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs images", result.Error);
    }
}
