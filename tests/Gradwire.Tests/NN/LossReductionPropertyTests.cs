using FsCheck.Xunit;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN;

/// <summary>
/// Reductions agree with each other for any batch, targets and options: Σ none = sum = mean · mean weight, and
/// batch means recombined by their weights (what the trainer does over an epoch) equal the whole batch's mean.
/// </summary>
public sealed class LossReductionPropertyTests
{
    [Property(MaxTest = 80)]
    public bool Class_loss_reductions_agree_and_batch_means_recombine_into_the_whole_mean(
        ulong seed, byte rowsByte, byte splitByte, bool weighted, bool smoothed, bool nll)
    {
        var rows = 2 + rowsByte % 11;
        var split = 1 + splitByte % (rows - 1);
        const int classes = 4;
        var generator = new Generator(seed);
        var z = Tensor.Uniform(new Shape(rows, classes), generator, -3, 3, DType.Float64);
        var labels = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            // About one row in five is ignored; row 0 never, so no mean is over nothing.
            var draw = (int)(generator.NextUInt64() % 5);
            labels[i] = i > 0 && draw == 4 ? -100 : draw % classes;
        }

        var target = Tensor.FromArray(labels);
        var weight = weighted ? Tensor.FromArray([0.5, 2.0, 1.25, 0.75]) : null;
        Loss Make(Reduction r) => nll ? new NllLoss(weight, reduction: r) : new CrossEntropyLoss(weight, reduction: r, labelSmoothing: smoothed ? 0.2 : 0);
        var input = nll ? z.LogSoftmax(1) : z;
        var mean = Make(Reduction.Mean);
        var m = mean.Forward(input, target).Item();
        var s = Make(Reduction.Sum).Forward(input, target).Item();
        var none = Make(Reduction.None).Forward(input, target).Sum().Item();
        var w = mean.MeanWeight(input, target);
        bool Close(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(b));

        var a = input.Slice(0, 0, split);
        var b = input.Slice(0, split, rows);
        var ta = target.Slice(0, 0, split);
        var tb = target.Slice(0, split, rows);
        var wa = mean.MeanWeight(a, ta);
        var wb = mean.MeanWeight(b, tb);
        // A part whose rows are all ignored has weight 0 (and a NaN mean): it contributes nothing.
        var combined = ((wa > 0 ? mean.Forward(a, ta).Item() * wa : 0) + (wb > 0 ? mean.Forward(b, tb).Item() * wb : 0)) / (wa + wb);
        return Close(none, s) && Close(m * w, s) && Close(combined, m);
    }
}
