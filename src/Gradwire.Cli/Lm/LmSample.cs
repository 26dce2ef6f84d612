using System.CommandLine;
using System.Text;
using Gradwire.Cli.Infrastructure;
using Gradwire.Tensors;

namespace Gradwire.Cli.Lm;

/// <summary>
/// <c>gradwire lm sample --model F [--prime "…"] [--temperature 0.8] [--top-k K] [--length 500] [--seed S]</c>:
/// feeds the prime through a saved model, then draws each next character from softmax(logits / temperature),
/// restricted to the K most likely when --top-k is given.
/// </summary>
internal sealed class LmSample : ICommandFactory
{
    public string Parent => "lm";

    public Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "A model saved by `lm train --save`.", Required = true };
        var prime = new Option<string>("--prime") { Description = "Text to start from (default: a newline, or the first symbol).", DefaultValueFactory = _ => "\n" };
        var temperature = new Option<double>("--temperature") { Description = "Softmax temperature (> 0).", DefaultValueFactory = _ => 0.8 };
        var topK = new Option<int>("--top-k") { Description = "Sample among the K most likely (0: all).", DefaultValueFactory = _ => 0 };
        var length = new Option<int>("--length") { Description = "Characters to generate.", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "Seed of the draws.", DefaultValueFactory = _ => 1 };
        var command = new Command("sample", "Generate text from a trained character language model.");
        foreach (var o in new Option[] { model, prime, temperature, topK, length, seed })
        {
            command.Options.Add(o);
        }

        command.SetAction(p => Run(console, p.GetValue(model)!, p.GetValue(prime)!, p.GetValue(temperature), p.GetValue(topK), p.GetValue(length), p.GetValue(seed)));
        return command;
    }

    private static int Run(CliConsole console, string path, string prime, double temperature, int topK, int length, int seed)
    {
        if (!(temperature > 0) || topK < 0 || length < 0)
        {
            throw new UsageException($"lm sample: --temperature must be > 0, --top-k and --length ≥ 0, got {temperature}, {topK}, {length}.");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"lm sample: --model {path}: file not found.");
        }

        var (net, vocabulary) = LmFile.Load(path);
        net.Eval();
        if (prime.Length == 0 || (prime == "\n" && vocabulary.IdOf('\n') < 0))
        {
            prime = vocabulary.Symbols[0].ToString();
        }

        var ids = vocabulary.Encode(prime);
        var generator = new Generator((ulong)seed);
        using var noGrad = Tensor.NoGrad();
        var (logits, state) = net.Forward(Tensor.FromArray(ids, new Shape(1, ids.Length)));
        var last = logits.Select(1, ids.Length - 1).Reshape(-1).ToDoubleArray();
        var output = new StringBuilder(prime);
        var next = new long[1];
        var p = new double[vocabulary.Count];
        for (var i = 0; i < length; i++)
        {
            next[0] = Draw(last, p, temperature, topK, generator);
            output.Append(vocabulary.Symbols[(int)next[0]]);
            (logits, state) = net.Forward(Tensor.FromArray(next, new Shape(1, 1)), state);
            last = logits.Reshape(-1).ToDoubleArray();
        }

        console.Out.WriteLine(output.ToString());
        return ExitCodes.Ok;
    }

    /// <summary>One draw from softmax(logits / T) over the top K (all when K = 0).</summary>
    private static int Draw(double[] logits, double[] p, double temperature, int topK, Generator generator)
    {
        var cutoff = double.NegativeInfinity;
        if (topK > 0 && topK < logits.Length)
        {
            var sorted = (double[])logits.Clone();
            Array.Sort(sorted);
            cutoff = sorted[^topK];
        }

        var max = double.NegativeInfinity;
        foreach (var v in logits)
        {
            max = Math.Max(max, v);
        }

        double sum = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            p[i] = logits[i] >= cutoff ? Math.Exp((logits[i] - max) / temperature) : 0;
            sum += p[i];
        }

        var u = generator.NextDouble() * sum;
        for (var i = 0; i < p.Length; i++)
        {
            u -= p[i];
            if (u < 0)
            {
                return i;
            }
        }

        return p.Length - 1;
    }
}
