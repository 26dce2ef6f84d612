using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// The first layer of a <see cref="CnnSpec"/> network: a batch of flat samples [N, C·H·W] viewed as images
/// [N, C, H, W] (a batch already in that shape passes through). It lets image networks train on datasets that
/// hand out flat rows.
/// </summary>
internal sealed class ImageView(int channels, int height, int width) : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input)
    {
        if (input.Rank == 4)
        {
            return input;
        }

        if (input.Rank < 2 || input.Numel / input.Shape[0] != channels * height * width)
        {
            throw new ArgumentException($"cnn: expected a batch of {channels}×{height}×{width} images ([N, {channels}, {height}, {width}] or [N, {channels * height * width}]), got {input.Shape}.");
        }

        return input.Reshape(input.Shape[0], channels, height, width);
    }

    protected override string Describe() => $"ImageView({channels}×{height}×{width})";
}

/// <summary>[N, ...] → [N, product of the rest], between the convolutional and the fully connected part of a <see cref="CnnSpec"/> network.</summary>
internal sealed class FlattenFeatures : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => input.Reshape(input.Shape[0], -1);

    protected override string Describe() => "FlattenFeatures";
}
