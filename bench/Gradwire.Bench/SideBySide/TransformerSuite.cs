using Gradwire.Cli.Bench;
using Gradwire.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace Gradwire.Bench.SideBySide;

/// <summary>
/// Issue 10 §4's training step (the same as <c>gradwire bench transformer</c>): vocabularies 8,000, d 256, 4 heads,
/// 3 + 3 layers, ff 1024, dropout 0.1, batch 32, lengths 48, causal target mask, output projection, cross-entropy,
/// Adam 5e-4 — Gradwire's <see cref="TransformerStep"/> against TorchSharp's <c>nn.Transformer</c> with the same
/// shapes (token tables via nn.Embedding, the same sinusoidal table, [T, B, E] layout as TorchSharp has no batch_first).
/// </summary>
public sealed class TransformerSuite : ISideBySideSuite
{
    public string Name => "transformer";

    public IEnumerable<ISideBySideCase> Cases(int threads)
    {
        yield return new TransformerCase(threads);
    }

    private sealed class TransformerCase : ISideBySideCase, IDisposable
    {
        private readonly int threads;
        private readonly TransformerStep gradwire;
        private readonly TransformerBenchShape shape = new();
        private readonly TorchSharp.Modules.Embedding srcEmbedding;
        private readonly TorchSharp.Modules.Embedding tgtEmbedding;
        private readonly TorchSharp.Modules.Transformer transformer;
        private readonly TorchSharp.Modules.Linear output;
        private readonly optim.Optimizer optimizer;
        private readonly Tensor positions;
        private readonly Tensor mask;
        private readonly Tensor src;
        private readonly Tensor tgt;
        private readonly Tensor labels;

        public TransformerCase(int threads)
        {
            this.threads = threads;
            gradwire = new TransformerStep(shape);
            torch.manual_seed(1);
            srcEmbedding = nn.Embedding(shape.SourceVocab, shape.DModel);
            tgtEmbedding = nn.Embedding(shape.TargetVocab, shape.DModel);
            transformer = nn.Transformer(shape.DModel, shape.Heads, shape.EncoderLayers, shape.DecoderLayers, shape.FeedForward, shape.Dropout);
            output = nn.Linear(shape.DModel, shape.TargetVocab);
            var parameters = srcEmbedding.parameters().Concat(tgtEmbedding.parameters()).Concat(transformer.parameters()).Concat(output.parameters());
            optimizer = optim.Adam(parameters, shape.LearningRate);
            var maxLen = Math.Max(shape.SourceLength, shape.TargetLength);
            var table = new Gradwire.NN.SinusoidalPositionalEncoding(shape.DModel, maxLen).Table;
            positions = torch.tensor(table.ToFloatArray(), [maxLen, 1, shape.DModel]);
            mask = torch.full(new long[] { shape.TargetLength, shape.TargetLength }, float.NegativeInfinity).triu(1);
            src = torch.randint(shape.SourceVocab, [shape.SourceLength, shape.Batch], dtype: ScalarType.Int64);
            tgt = torch.randint(shape.TargetVocab, [shape.TargetLength, shape.Batch], dtype: ScalarType.Int64);
            labels = torch.randint(shape.TargetVocab, [shape.TargetLength * shape.Batch], dtype: ScalarType.Int64);
        }

        public string Name => "transformer step 3+3 d=256 B=32 T=48";

        public double Flops => 0;

        public void RunGradwire()
        {
            using var compute = Compute.WithThreads(threads);
            gradwire.Run();
        }

        public void RunTorch()
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var scale = Math.Sqrt(shape.DModel);
            var s = srcEmbedding.call(src) * scale + positions.narrow(0, 0, shape.SourceLength);
            var t = tgtEmbedding.call(tgt) * scale + positions.narrow(0, 0, shape.TargetLength);
            var hidden = transformer.call(s, t, null!, mask);
            var logits = output.call(hidden.reshape(-1, shape.DModel));
            var loss = nn.functional.cross_entropy(logits, labels);
            loss.backward();
            optimizer.step();
        }

        public void Dispose()
        {
            srcEmbedding.Dispose();
            tgtEmbedding.Dispose();
            transformer.Dispose();
            output.Dispose();
            positions.Dispose();
            mask.Dispose();
            src.Dispose();
            tgt.Dispose();
            labels.Dispose();
        }
    }
}
