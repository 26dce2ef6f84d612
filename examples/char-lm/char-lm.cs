#:project ../../src/Gradwire/Gradwire.csproj
// File-based apps default to Native AOT, where System.Text.Json has no reflection; checkpoints write JSON headers.
#:property PublishAot=false
// A tiny character language model: Embedding → LSTM → Linear, trained by truncated backpropagation through time
// on a built-in text, then sampled greedily.
//   dotnet run char-lm.cs                 300 steps
//   dotnet run char-lm.cs -- 60           fewer steps (CI)
using System.Globalization;
using System.Text;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Text;

int steps = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300;
const string Text = """
    Twinkle, twinkle, little star, how I wonder what you are!
    Up above the world so high, like a diamond in the sky.
    When the blazing sun is gone, when he nothing shines upon,
    then you show your little light, twinkle, twinkle, all the night.
    """;
string text = string.Concat(Enumerable.Repeat(Text, 8));

var vocabulary = CharVocabulary.FromText(text);
var batcher = new SequenceBatcher(vocabulary.Encode(text), batchSize: 8, sequenceLength: 32);
var generator = new Generator(1);
var embedding = new Embedding(vocabulary.Count, 16, generator);
var lstm = new LSTM(16, 64, generator, batchFirst: true);
var head = new Linear(64, vocabulary.Count, generator);
var parameters = embedding.Parameters().Concat(lstm.Parameters()).Concat(head.Parameters()).ToList();
var optimizer = new Adam(parameters, 0.01);
var loss = new CrossEntropyLoss();

double first = double.NaN, last = double.NaN;
(Tensor H, Tensor C)? state = null;
for (int step = 0; step < steps; step++)
{
    int k = step % batcher.SequentialCount;
    if (k == 0)
    {
        state = null;   // a new pass over the text starts from a zero state
    }

    var window = batcher.SequentialWindow(k);
    optimizer.ZeroGrad();
    var (output, next) = lstm.Forward(embedding.Forward(window.Inputs), state);
    var l = loss.Forward(head.Forward(output).Reshape(-1, vocabulary.Count), window.Targets.Reshape(-1));
    l.Backward();
    optimizer.Step();
    state = (next.H.Detach(), next.C.Detach());   // carry the state, not its history
    last = l.Item();
    if (step == 0)
    {
        first = last;
    }

    if (step % 50 == 0 || step == steps - 1)
    {
        Console.WriteLine($"step {step}: loss {last:F3}");
    }
}

// Greedy sampling: feed the last character, take the most likely next one.
using (Tensor.NoGrad())
{
    var sample = new StringBuilder("Twinkle");
    var ids = vocabulary.Encode(sample.ToString());
    var (output, s) = lstm.Forward(embedding.Forward(Tensor.FromArray(ids, new Shape(1, ids.Length))));
    var logits = head.Forward(output.Select(1, ids.Length - 1)).Reshape(-1).ToDoubleArray();
    for (int i = 0; i < 60; i++)
    {
        int best = Array.IndexOf(logits, logits.Max());
        sample.Append(vocabulary.Symbols[best]);
        (output, s) = lstm.Forward(embedding.Forward(Tensor.FromArray(new long[] { best }, new Shape(1, 1))), s);
        logits = head.Forward(output).Reshape(-1).ToDoubleArray();
    }

    Console.WriteLine($"sample: {sample.ToString().Replace('\n', ' ')}");
}

// The loss must have fallen well below its start (ln(vocabulary) ≈ 3.2 for an untrained model).
Console.WriteLine($"loss {first:F3} -> {last:F3}");
return last < 0.6 * first ? 0 : 1;
