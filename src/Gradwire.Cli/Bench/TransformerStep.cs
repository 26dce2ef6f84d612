using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;

namespace Gradwire.Cli.Bench;

/// <summary>
/// The training step of <c>gradwire bench transformer</c> (issue 10 §4), shared with the side-by-side runner (the
/// bench project compiles this file too): token tables [vocab, d] indexed with IndexSelect and scaled by √d,
/// sinusoidal positions, nn.Transformer (batch-first, post-norm, ReLU), a causal target mask, an output projection
/// to the target vocabulary, cross-entropy over every target position, Adam.
/// </summary>
internal sealed class TransformerStep
{
    private readonly Parameter _srcTable;
    private readonly Parameter _tgtTable;
    private readonly SinusoidalPositionalEncoding _positions;
    private readonly Transformer _transformer;
    private readonly Linear _output;
    private readonly Adam _optimizer;
    private readonly CrossEntropyLoss _loss = new();
    private readonly Tensor _mask;
    private readonly Tensor _src;
    private readonly Tensor _tgt;
    private readonly Tensor _labels;

    public TransformerStep(TransformerBenchShape shape, ulong seed = 1)
    {
        Shape = shape;
        var generator = new Generator(seed);
        var options = new TransformerOptions(shape.DModel, shape.Heads, shape.FeedForward, shape.Dropout, BatchFirst: true);
        _srcTable = new Parameter(Tensor.Normal(new Shape(shape.SourceVocab, shape.DModel), generator));
        _tgtTable = new Parameter(Tensor.Normal(new Shape(shape.TargetVocab, shape.DModel), generator));
        _positions = new SinusoidalPositionalEncoding(shape.DModel, Math.Max(shape.SourceLength, shape.TargetLength), batchFirst: true);
        _transformer = new Transformer(options, shape.EncoderLayers, shape.DecoderLayers, generator);
        _output = new Linear(shape.DModel, shape.TargetVocab, generator);
        var parameters = new List<Parameter> { _srcTable, _tgtTable };
        parameters.AddRange(_transformer.Parameters());
        parameters.AddRange(_output.Parameters());
        _optimizer = new Adam(parameters, shape.LearningRate);
        _mask = Transformer.GenerateSquareSubsequentMask(shape.TargetLength);
        _src = RandomTokens(generator, shape.Batch * shape.SourceLength, shape.SourceVocab);
        _tgt = RandomTokens(generator, shape.Batch * shape.TargetLength, shape.TargetVocab);
        _labels = RandomTokens(generator, shape.Batch * shape.TargetLength, shape.TargetVocab);
    }

    public TransformerBenchShape Shape { get; }

    /// <summary>Parameters in the model (tables, Transformer, output projection).</summary>
    public long ParameterCount => _srcTable.Value.Numel + _tgtTable.Value.Numel + _transformer.ParameterCount() + _output.ParameterCount();

    /// <summary>One forward, backward and Adam update; returns the loss.</summary>
    public double Run()
    {
        _optimizer.ZeroGrad();
        var scale = Math.Sqrt(Shape.DModel);
        var src = _positions.Forward(_srcTable.Value.IndexSelect(0, _src).Reshape(Shape.Batch, Shape.SourceLength, Shape.DModel) * scale);
        var tgt = _positions.Forward(_tgtTable.Value.IndexSelect(0, _tgt).Reshape(Shape.Batch, Shape.TargetLength, Shape.DModel) * scale);
        var hidden = _transformer.Forward(new TransformerInput(src, tgt, TgtMask: _mask));
        var logits = _output.Forward(hidden.Reshape(-1, Shape.DModel));
        var loss = _loss.Forward(logits, _labels);
        loss.Backward();
        _optimizer.Step();
        return loss.Item();
    }

    private static Tensor RandomTokens(Generator generator, int count, int vocab)
    {
        var tokens = new long[count];
        for (var i = 0; i < count; i++)
        {
            tokens[i] = generator.NextInt(vocab);
        }

        return Tensor.FromArray(tokens);
    }
}

/// <summary>The sizes of the bench step (issue 10 §4's defaults).</summary>
internal sealed record TransformerBenchShape(
    int SourceVocab = 8000,
    int TargetVocab = 8000,
    int DModel = 256,
    int Heads = 4,
    int EncoderLayers = 3,
    int DecoderLayers = 3,
    int FeedForward = 1024,
    double Dropout = 0.1,
    int Batch = 32,
    int SourceLength = 48,
    int TargetLength = 48,
    double LearningRate = 5e-4);
