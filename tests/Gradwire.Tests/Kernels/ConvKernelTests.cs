using Gradwire.Kernels;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.Kernels;

/// <summary>The fast convolution path (im2col + GEMM, col2im, pool argmax) against its naive twins over edge shapes.</summary>
public sealed class ConvKernelTests
{
    // (N, C, H, W, O, kh, kw, stride, pad, dilation, groups)
    public static TheoryData<int[]> Shapes() => new()
    {
        new[] { 2, 3, 7, 6, 4, 3, 3, 1, 1, 1, 1 },
        new[] { 1, 2, 5, 5, 3, 1, 1, 1, 0, 1, 1 },      // 1×1
        new[] { 2, 2, 3, 3, 2, 5, 5, 1, 2, 1, 1 },      // kernel larger than the input, padded
        new[] { 1, 2, 9, 8, 2, 2, 2, 3, 0, 1, 1 },      // stride > kernel
        new[] { 1, 3, 1, 1, 2, 1, 1, 1, 0, 1, 1 },      // 1×1 input
        new[] { 1, 4, 7, 9, 4, 3, 3, 2, 1, 1, 4 },      // groups = channels
        new[] { 3, 4, 8, 7, 6, 3, 2, 1, 1, 2, 2 },      // dilation, groups 2, rectangular kernel
        new[] { 1, 1, 13, 11, 3, 5, 5, 2, 2, 1, 1 },    // odd sizes, batch 1
        new[] { 5, 8, 28, 28, 16, 5, 5, 1, 2, 1, 1 },   // the recipe's second layer
        new[] { 2, 3, 6, 6, 2, 3, 3, 4, 3, 1, 1 },      // large padding and stride
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Conv2d_fast_path_matches_the_direct_loop_in_float64_and_float32(int[] shape)
    {
        var (n, c, h, w, o, kh, kw, s, p, d, groups) = (shape[0], shape[1], shape[2], shape[3], shape[4], shape[5], shape[6], shape[7], shape[8], shape[9], shape[10]);
        var x = Tensor.Uniform(new Shape(n, c, h, w), new Generator(1), -1, 1, DType.Float64);
        var wt = Tensor.Uniform(new Shape(o, c / groups, kh, kw), new Generator(2), -1, 1, DType.Float64);
        var b = Tensor.Uniform(new Shape(o), new Generator(3), -1, 1, DType.Float64);
        var oh = ConvChecks.OutSize(h, kh, s, p, p, d, false);
        var ow = ConvChecks.OutSize(w, kw, s, p, p, d, false);
        var g = new ConvGeometry(c, h, w, kh, kw, s, s, p, p, d, d, oh, ow);
        var expected = ConvReference.Conv2d(x.ToDoubleArray(), n, g, wt.ToDoubleArray(), o, b.ToDoubleArray(), groups);

        var y = Functional.Conv2d(x, wt, b, (s, s), (p, p), (d, d), groups);
        Assert.Equal(new Shape(n, o, oh, ow), y.Shape);
        Gradwire.Tests.Tensors.TensorAssert.Values(expected, y, 1e-12);

        var y32 = Functional.Conv2d(x.To(DType.Float32), wt.To(DType.Float32), b.To(DType.Float32), (s, s), (p, p), (d, d), groups);
        Assert.Equal(DType.Float32, y32.DType);
        Gradwire.Tests.Tensors.TensorAssert.Values(expected, y32, 1e-4);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Im2col_matches_its_definition_and_col2im_is_its_adjoint(int[] shape)
    {
        var (c, h, w, kh, kw, s, p, d) = (shape[1], shape[2], shape[3], shape[5], shape[6], shape[7], shape[8], shape[9]);
        var oh = ConvChecks.OutSize(h, kh, s, p, p, d, false);
        var ow = ConvChecks.OutSize(w, kw, s, p, p, d, false);
        var g = new ConvGeometry(c, h, w, kh, kw, s, s, p, p, d, d, oh, ow);
        var rng = new Random(7);
        var x = new double[c * h * w];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = rng.NextDouble() - 0.5;
        }

        var expected = ConvReference.Im2Col(x, g);
        var cols = new double[g.ColumnRows * g.ColumnCols];
        cols.AsSpan().Fill(double.NaN);
        ConvKernels.Im2Col<double>(x, cols, g);
        Assert.Equal(expected, cols);

        // ⟨im2col(x), r⟩ = ⟨x, col2im(r)⟩ for any r: col2im is the adjoint.
        var r = new double[cols.Length];
        for (var i = 0; i < r.Length; i++)
        {
            r[i] = rng.NextDouble() - 0.5;
        }

        var back = new double[x.Length];
        ConvKernels.Col2Im<double>(r, back, g);
        double left = 0, right = 0;
        for (var i = 0; i < r.Length; i++)
        {
            left += cols[i] * r[i];
        }

        for (var i = 0; i < x.Length; i++)
        {
            right += x[i] * back[i];
        }

        Assert.Equal(left, right, 10);
    }

    [Fact]
    public void Threads_across_the_batch_give_the_same_result_as_one_thread()
    {
        var x = Tensor.Uniform(new Shape(16, 8, 28, 28), new Generator(4), -1, 1);
        var wt = Tensor.Uniform(new Shape(16, 8, 5, 5), new Generator(5), -1, 1);
        Tensor one, many;
        using (Compute.WithThreads(1))
        {
            one = Functional.Conv2d(x, wt, null, padding: 2);
        }

        using (Compute.WithThreads(4))
        {
            many = Functional.Conv2d(x, wt, null, padding: 2);
        }

        Gradwire.Tests.Tensors.TensorAssert.Close(one, many, 1e-5);
    }
}
