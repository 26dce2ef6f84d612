using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Gradwire.Tensors;

namespace Gradwire.Tests.Tensors;

/// <summary>
/// Element counts never wrap around: every shape computation (broadcast, expand, reshape, matmul, narrow,
/// arange, concat, creation) checks the count against what one array can hold and names the op and the shapes.
/// </summary>
public sealed class ElementCountTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(20261201UL, 7UL);

    [Theory]
    [InlineData(65536, 65536, "add")]  // the count wraps to exactly 0 in 32 bits
    [InlineData(46341, 46341, "add")]  // just over int.MaxValue: was a bare OverflowException
    [InlineData(65536, 65537, "mul")]  // was an AggregateException from the kernel's threads
    public void Broadcasting_past_the_array_limit_names_the_op_and_both_shapes(int rows, int columns, string op)
    {
        var a = Tensor.Ones([rows, 1]);
        var b = Tensor.Ones([1, columns]);
        a.RequiresGrad = true;
        var error = Assert.Throws<ArgumentException>(() => op == "add" ? a + b : a * b);
        Assert.StartsWith($"{op}: shape [{rows},{columns}]", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{(long)rows * columns} elements", error.Message, StringComparison.Ordinal);
        Assert.Contains(Array.MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_past_the_array_limit_throws_instead_of_a_wrong_mean_or_max()
    {
        var one = Tensor.Ones([1, 1]);
        var mean = Assert.Throws<ArgumentException>(() => one.Expand(3, int.MaxValue));
        Assert.Contains("expand [1,1] to: shape [3,2147483647] has 6442450941 elements", mean.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => one.Expand(65536, 65536));
    }

    [Fact]
    public void Zeros_beyond_the_longest_array_is_an_argument_error_not_out_of_memory()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros([int.MaxValue]));
        Assert.StartsWith("zeros: shape [2147483647] has 2147483647 elements; one tensor holds at most", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Tensor.Ones([65536, 65536]));
        Assert.Throws<ArgumentException>(() => Tensor.Full([1 << 16, 1 << 16, 1 << 16], 3.0));
    }

    [Fact]
    public void A_zero_size_makes_an_empty_tensor_however_large_the_other_sizes()
    {
        var empty = Tensor.Zeros([65536, 65536, 0]);
        Assert.Equal(0, empty.Numel);
        Assert.Equal(0.0, empty.Sum().Item());
        Assert.Equal(0, (Tensor.Ones([int.MaxValue, 0]) + Tensor.Ones([1, 1])).Numel);
    }

    [Fact]
    public void Reshape_to_a_shape_whose_count_wraps_to_the_same_number_is_refused()
    {
        // 65536⁴ = 2⁶⁴ wraps to 0 even in 64 bits: an empty tensor must not become a 2⁶⁴-element one.
        var empty = Tensor.Zeros([0]);
        var error = Assert.Throws<ArgumentException>(() => empty.Reshape(65536, 65536, 65536, 65536));
        Assert.Contains("reshape: cannot reshape [0] (0 elements) to [65536,65536,65536,65536] (18446744073709551616 elements)", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros([4]).Reshape(65536, 65536, 65536, 65536, 4));
    }

    [Fact]
    public void MatMul_whose_result_is_too_large_names_both_operands()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Ones([65536, 1]).MatMul(Tensor.Ones([1, 65537])));
        Assert.StartsWith("matmul: [65536,1] @ [1,65537] gives shape [65536,65537]", error.Message, StringComparison.Ordinal);
        var batched = Assert.Throws<ArgumentException>(() => Tensor.Ones([1, 1, 1]).Expand(46000, 46000, 1).MatMul(Tensor.Ones([1, 2])));
        Assert.StartsWith("matmul: [46000,46000,1] @ [1,2] gives shape [46000,46000,2]", batched.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Narrow_with_a_length_that_overflows_the_end_is_out_of_range()
    {
        var x = Tensor.Ones([10]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(0, 5, int.MaxValue));
        Assert.Contains("narrow: start 5 and length 2147483647 do not fit axis 0 of size 10", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arange_with_too_many_elements_says_so()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Arange(0, 1e10));
        Assert.StartsWith("arange: start 0, end 10000000000 and step 1 give 10000000000 elements", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concat_whose_axis_sum_overflows_is_refused_before_allocating()
    {
        var big = Tensor.Ones([1]).Expand(2_000_000_000); // a view: no memory
        var error = Assert.Throws<ArgumentException>(() => Tensor.Concat([big, big]));
        Assert.StartsWith("concat: joining 2 tensors along axis 0 gives size 4000000000 on that axis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Var_over_an_empty_axis_is_nan_as_pytorch()
    {
        Assert.True(double.IsNaN(Tensor.Zeros([0], DType.Float64).Var().Item()));
        Assert.True(double.IsNaN(Tensor.Zeros([0], DType.Float64).Var(unbiased: false).Item()));
        var perColumn = Tensor.Zeros([0, 3], DType.Float64).Var(0).ToArray<double>();
        Assert.All(perColumn, v => Assert.True(double.IsNaN(v)));
        Assert.True(double.IsNaN(Tensor.Zeros([0, 3]).Std(0).ToArray<float>()[0]));
    }

    [Fact]
    public void Any_expanded_shape_either_has_its_exact_count_or_is_refused()
    {
        int[] sizes = [0, 1, 2, 3, 46341, 65536, 65537, 1 << 30, int.MaxValue];
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), seed =>
        {
            var g = new Generator(seed);
            var rank = 1 + g.NextInt(4);
            var shape = new int[rank];
            var exact = BigInteger.One;
            for (var i = 0; i < rank; i++)
            {
                shape[i] = sizes[g.NextInt(sizes.Length)];
                exact *= shape[i];
            }

            var ones = new int[rank];
            Array.Fill(ones, 1);
            var source = Tensor.Ones([1]).Reshape(ones);
            if (exact <= Array.MaxLength)
            {
                var expanded = source.Expand(shape);
                if (exact > 1 << 20)
                {
                    return expanded.Numel == (int)exact;
                }

                var broadcast = Tensor.Zeros([1]) * expanded; // a new tensor: only where it is small enough to allocate
                return expanded.Numel == (int)exact && broadcast.Numel == (int)exact;
            }

            var error = Record.Exception(() => source.Expand(shape));
            return error is ArgumentException && error.Message.Contains("elements", StringComparison.Ordinal);
        }).Check(Config);
    }
}
