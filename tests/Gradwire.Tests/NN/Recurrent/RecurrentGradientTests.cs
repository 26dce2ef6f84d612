using Gradwire.Autograd;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Tests.NN.Recurrent;

/// <summary>
/// Backward through time against central finite differences in float64: the layers wrt input and initial
/// states (with variable lengths and both directions), the step rules wrt every operand, first and second order.
/// </summary>
public sealed class RecurrentGradientTests
{
    private static Tensor Random(ulong seed, params int[] shape) =>
        Tensor.Uniform(new Shape(shape), new Generator(seed), -1, 1, DType.Float64);

    private static readonly Tensor Lengths = Tensor.FromArray([3L, 1L]);

    [Theory]
    [InlineData("lstm", false)]
    [InlineData("lstm", true)]
    [InlineData("gru", false)]
    [InlineData("gru", true)]
    [InlineData("rnn", true)]
    public void Layer_gradients_through_time_match_finite_differences(string kind, bool withLengths)
    {
        var g = new Generator(7);
        var lengths = withLengths ? Lengths : null;
        var x = Random(1, 3, 2, 2);
        var h0 = Random(2, 4, 2, 3);
        var c0 = Random(3, 4, 2, 3);
        Func<Tensor[], Tensor> f = kind switch
        {
            "lstm" => Lstm(new LSTM(2, 3, g, numLayers: 2, bidirectional: true, dtype: DType.Float64), lengths),
            "gru" => xs =>
            {
                var (y, h) = new GRU(2, 3, new Generator(7), numLayers: 2, bidirectional: true, dtype: DType.Float64).Forward(xs[0], xs[1], lengths);
                return Tensor.Concat([y.Reshape(-1), h.Reshape(-1)], 0);
            }
            ,
            _ => xs =>
            {
                var (y, h) = new RNN(2, 3, new Generator(7), numLayers: 2, bidirectional: true, dtype: DType.Float64).Forward(xs[0], xs[1], lengths);
                return Tensor.Concat([y.Reshape(-1), h.Reshape(-1)], 0);
            }
            ,
        };
        Tensor[] inputs = kind == "lstm" ? [x, h0, c0] : [x, h0];
        var result = GradCheck.Check(f, inputs);
        Assert.True(result.Passed, result.ToString());
    }

    private static Func<Tensor[], Tensor> Lstm(LSTM lstm, Tensor? lengths) => xs =>
    {
        var (y, (h, c)) = lstm.Forward(xs[0], (xs[1], xs[2]), lengths);
        return Tensor.Concat([y.Reshape(-1), h.Reshape(-1), c.Reshape(-1)], 0);
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Step_rules_match_finite_differences_to_second_order(int kindNumber)
    {
        var kind = (RecurrentKind)kindNumber;
        var gates = RecurrentSteps.Gates(kind);
        Tensor[] inputs = [Random(1, 2, gates * 3), Random(2, 2, 3), Random(3, 2, 3), Random(4, gates * 3, 3), Random(5, gates * 3)];
        Tensor F(Tensor[] xs)
        {
            var (h, c) = RecurrentSteps.Step(kind, xs[0], xs[1], kind == RecurrentKind.Lstm ? xs[2] : null, xs[3], xs[4]);
            return c is null ? h + (0 * xs[2]) : Tensor.Concat([h, c], 1);
        }

        var first = GradCheck.Check(F, inputs);
        Assert.True(first.Passed, first.ToString());
        var second = GradCheck.CheckSecondOrder(F, inputs);
        Assert.True(second.Passed, second.ToString());
    }

    [Fact]
    public void Lstm_layer_second_derivatives_match_finite_differences()
    {
        var lstm = new LSTM(2, 2, new Generator(3), dtype: DType.Float64);
        var result = GradCheck.CheckSecondOrder(xs => lstm.Forward(xs[0], (xs[1], xs[2])).Output, [Random(1, 2, 1, 2), Random(2, 1, 1, 2), Random(3, 1, 1, 2)]);
        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Lengths_zero_the_outputs_past_each_length_and_keep_the_state_of_the_last_valid_step()
    {
        var gru = new GRU(2, 3, new Generator(5), dtype: DType.Float64);
        var x = Random(9, 4, 2, 2);
        var (y, h) = gru.Forward(x, null, Tensor.FromArray([4L, 2L]));
        var (yShort, hShort) = gru.Forward(x.Narrow(0, 0, 2).Narrow(1, 1, 1).Contiguous());
        Assert.True(y.Narrow(0, 2, 2).Narrow(1, 1, 1).Abs().Sum().Item() == 0);
        Assert.True(y.Narrow(0, 0, 2).Narrow(1, 1, 1).AllClose(yShort, 1e-14, 1e-14));
        Assert.True(h.Narrow(1, 1, 1).AllClose(hShort, 1e-14, 1e-14));
    }

    [Fact]
    public void Bad_shapes_and_dtypes_name_the_layer_and_what_was_expected()
    {
        var lstm = new LSTM(3, 4, new Generator(1), numLayers: 2);
        var e1 = Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros(new Shape(5, 2, 2))));
        Assert.Contains("LSTM", e1.Message, StringComparison.Ordinal);
        Assert.Contains("input_size 3", e1.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<ArgumentException>(() => lstm.Forward(Tensor.Zeros(new Shape(5, 2, 3)), (Tensor.Zeros(new Shape(1, 2, 4)), Tensor.Zeros(new Shape(2, 2, 4)))));
        Assert.Contains("[2, 2, 4]", e2.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => lstm.Forward(Tensor.Zeros(new Shape(5, 2, 3)), null, Tensor.FromArray([6L, 1L])));
        var e3 = Assert.Throws<ArgumentException>(() => new Embedding(4, 2, new Generator(1)).Forward(Tensor.Zeros(new Shape(3))));
        Assert.Contains("int64", e3.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(4, 2, new Generator(1)).Forward(Tensor.FromArray([4L])));
        Assert.Throws<ArgumentException>(() => new RNN(2, 2, new Generator(1), nonlinearity: "sigmoid"));
    }

    [Fact]
    public void Parameter_names_follow_PyTorch_and_dropout_is_between_layers_only_in_training()
    {
        var gru = new GRU(3, 4, new Generator(1), numLayers: 2, dropout: 0.5, bidirectional: true);
        Assert.Equal(16, gru.StateDict().Count);
        Assert.Contains("weight_hh_l1_reverse", gru.StateDict().Keys);
        Assert.Equal(new Shape(12, 8), gru.StateDict()["weight_ih_l1"].Shape);
        var x = Tensor.Uniform(new Shape(4, 2, 3), new Generator(2), -1, 1);
        gru.Eval();
        var a = gru.Forward(x).Output;
        var b = gru.Forward(x).Output;
        Assert.True(a.AllClose(b, 0, 0));
        gru.Train();
        var c = gru.Forward(x).Output;
        Assert.False(a.AllClose(c, 1e-6, 1e-6));
    }
}
