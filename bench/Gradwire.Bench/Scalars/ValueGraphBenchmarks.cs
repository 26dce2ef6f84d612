using BenchmarkDotNet.Attributes;
using Gradwire.Scalars;

namespace Gradwire.Bench.Scalars;

/// <summary>
/// The scalar engine on a 100,000-node <see cref="Value"/> graph: 1,000 leaves and a chain of
/// <c>tanh(node · leaf + leaf)</c> stages (multiply, add, tanh: the mix of an MLP neuron), so the graph is deep
/// (about 33,000 levels: the iterative backward is exercised) and every stage reuses leaves (gradients accumulate).
/// </summary>
[MemoryDiagnoser]
public class ValueGraphBenchmarks
{
    /// <summary>Nodes in the graph, leaves included.</summary>
    public const int Nodes = 100_000;

    private const int Leaves = 1_000;

    private Value[] _leaves = [];
    private Value _root = new(0);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _leaves = new Value[Leaves];
        for (var i = 0; i < Leaves; i++)
        {
            _leaves[i] = new Value(random.NextDouble() - 0.5);
        }

        _root = Build(_leaves);
    }

    /// <summary>Builds the graph (the forward pass).</summary>
    [Benchmark]
    public double Forward() => Build(_leaves).Data;

    /// <summary>Backward through the prebuilt graph (gradients accumulate run after run; that costs the same).</summary>
    [Benchmark]
    public double Backward()
    {
        _root.Backward();
        return _leaves[0].Grad;
    }

    /// <summary>What a training step pays: build the graph, then backpropagate through it.</summary>
    [Benchmark(Baseline = true)]
    public double ForwardAndBackward()
    {
        var root = Build(_leaves);
        root.Backward();
        return _leaves[0].Grad;
    }

    /// <summary>The graph: exactly <see cref="Nodes"/> nodes counting the leaves.</summary>
    public static Value Build(Value[] leaves)
    {
        var node = leaves[0];
        var count = leaves.Length;
        var i = 0;
        while (count < Nodes)
        {
            var stage = i % 3;
            var leaf = leaves[i % leaves.Length];
            node = stage switch
            {
                0 => node * leaf,
                1 => node + leaf,
                _ => node.Tanh(),
            };
            count++;
            i++;
        }

        return node;
    }
}
