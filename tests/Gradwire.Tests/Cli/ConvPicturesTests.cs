using Gradwire.Cli.Train;
using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Cli;

/// <summary>The conv pictures of <c>train --plot</c>: written for a model with a 4-axis weight, not for an MLP.</summary>
public sealed class ConvPicturesTests
{
    /// <summary>A stand-in conv layer (the real Conv2d registers its [out, in, kh, kw] weight under the same name).</summary>
    private sealed class FilterBank : Module<Tensor, Tensor>
    {
        public FilterBank(Generator generator) => RegisterParameter("weight", Tensor.Uniform(new Shape(4, 1, 3, 3), generator, -1, 1));

        public override Tensor Forward(Tensor input) => Tensor.Concat([input, input * 2, input * 3, -input], 1);
    }

    [Fact]
    public void A_model_with_a_conv_weight_gets_filters_activations_and_mistakes_pictures()
    {
        using var dir = new TempDirectory();
        var g = new Generator(1);
        var images = Tensor.Uniform(new Shape(6, 1, 4, 3), g, 0, 1).ToArray<float>();
        var test = Dataset.Classification("toy", images, [1, 4, 3], [0, 1, 2, 0, 1, 2], 3, ["a", "b", "c"]);
        var model = new Sequential(new FilterBank(g), new Flatten(), new Linear(48, 3, g));
        var plot = Path.Combine(dir.Path, "run.png");
        var written = ConvPictures.Write(plot, model, test);
        Assert.Equal([Path.Combine(dir.Path, "run.filters.png"), Path.Combine(dir.Path, "run.activations.png"), Path.Combine(dir.Path, "run.mistakes.png")], written);
        foreach (var file in written)
        {
            var bytes = File.ReadAllBytes(file);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }

        var mlp = Mlp.Create([12, 4, 3], Activation.Relu, g);
        Assert.Empty(ConvPictures.Write(Path.Combine(dir.Path, "mlp.png"), mlp, test.Flattened()));
    }
}
