using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// Reverse-mode sweep over the tape. Nodes are put in topological order by an iterative depth-first search
/// (no recursion, so deep graphs cannot overflow the stack; inputs visited in order, so the order is
/// deterministic), then each node turns its output's gradient into its inputs' gradients, which accumulate
/// (<c>+=</c>) into the producing node or, for a leaf, into <see cref="Tensor.Grad"/>.
/// </summary>
internal static class Engine
{
    private static int _pass;

    [ThreadStatic]
    private static Workspace? _workspace;

    private static readonly Tensor OneF32 = Tensor.ScalarUntracked(1, DType.Float32);
    private static readonly Tensor OneF64 = Tensor.ScalarUntracked(1, DType.Float64);

    /// <summary><c>root.Backward(grad, createGraph)</c>: accumulates into the leaves' <see cref="Tensor.Grad"/>.</summary>
    public static void Backward(Tensor root, Tensor? grad, bool createGraph)
    {
        // A plain backward never writes into its seed (leaves get copies, in-place accumulation only touches
        // buffers the engine made), so scalar roots share one read-only "1".
        var seed = grad is null && root.Rank == 0 && !createGraph && root.RequiresGrad
            ? (root.DType == DType.Float32 ? OneF32 : OneF64)
            : Seed("backward", root, grad);
        Run(root, [], seed, [], createGraph, targets: null, captured: null);
    }

    /// <summary>
    /// The gradients of <paramref name="outputs"/> (weighted by <paramref name="gradOutputs"/>) with respect to
    /// <paramref name="inputs"/>, returned instead of accumulated into <see cref="Tensor.Grad"/>.
    /// </summary>
    public static Tensor?[] Grad(Tensor[] outputs, Tensor[] inputs, Tensor?[]? gradOutputs, bool createGraph)
    {
        if (gradOutputs is not null && gradOutputs.Length != outputs.Length)
        {
            throw new ArgumentException(
                $"grad: {outputs.Length} outputs but {gradOutputs.Length} output gradients; give one per output (null for a scalar output).");
        }

        foreach (var input in inputs)
        {
            if (!input.RequiresGrad)
            {
                throw new ArgumentException(
                    $"grad: an input of shape {input.Shape} does not require grad; set RequiresGrad = true before computing the outputs.");
            }
        }

        var seeds = new Tensor[outputs.Length];
        for (var i = 0; i < outputs.Length; i++)
        {
            seeds[i] = Seed("grad", outputs[i], gradOutputs?[i]);
        }

        var captured = new Tensor?[inputs.Length];
        Run(null, outputs, null, seeds, createGraph, inputs, captured);
        return captured;
    }

    private static Tensor Seed(string op, Tensor root, Tensor? grad)
    {
        if (!root.RequiresGrad)
        {
            throw new InvalidOperationException(
                $"{op}: the output of shape {root.Shape} does not require grad: no input had RequiresGrad = true, " +
                "or it was computed inside Tensor.NoGrad().");
        }

        if (grad is null)
        {
            if (root.Numel != 1)
            {
                throw new ArgumentException(
                    $"{op}: the output has shape {root.Shape}, not one element; pass a gradient of that shape " +
                    "(e.g. Tensor.OnesLike(output)), or reduce it first (Sum(), Mean()).");
            }

            return Tensor.OnesLike(root);
        }

        if (grad.Shape != root.Shape)
        {
            throw new ArgumentException($"{op}: the gradient has shape {grad.Shape} but the output has shape {root.Shape}.");
        }

        if (grad.DType != root.DType)
        {
            throw new ArgumentException($"{op}: the gradient is {grad.DType.Name()} but the output is {root.DType.Name()}.");
        }

        return grad;
    }

    /// <summary>Runs one pass from <paramref name="root"/> (with <paramref name="seed"/>) and/or <paramref name="roots"/> (with <paramref name="seeds"/>).</summary>
    private static void Run(
        Tensor? root, Tensor[] roots, Tensor? seed, Tensor[] seeds, bool createGraph, Tensor[]? targets, Tensor?[]? captured)
    {
        // One workspace per thread, reused across passes so a small step allocates no bookkeeping; a nested
        // pass (a backward started from inside a backward rule) gets a fresh one.
        var workspace = _workspace is { Busy: false } cached ? cached : new Workspace();
        _workspace ??= workspace;
        workspace.Busy = true;
        var previousMode = GradMode.Set(createGraph);
        var order = workspace.Order;
        order.Clear();
        try
        {
            TopologicalOrder(root, roots, workspace);
            if (root is not null)
            {
                Deliver(root, seed!, createGraph, targets, captured);
            }

            for (var i = 0; i < roots.Length; i++)
            {
                Deliver(roots[i], seeds[i], createGraph, targets, captured);
            }

            var scratch = workspace.Scratch;
            for (var k = order.Count - 1; k >= 0; k--)
            {
                var node = order[k];
                var grad = node.PendingGrad;
                node.PendingGrad = null;
                node.PendingOwned = false;
                if (grad is null)
                {
                    continue;
                }

                if (scratch.Length < node.Arity)
                {
                    scratch = workspace.Scratch = new Tensor?[node.Arity];
                }

                var grads = scratch.AsSpan(0, node.Arity);
                grads.Clear();
                node.Backward(grad, grads);
                for (var i = 0; i < grads.Length; i++)
                {
                    var g = grads[i];
                    var input = node.Input(i);
                    if (g is null || !input.RequiresGrad)
                    {
                        continue;
                    }

                    if (g.Shape != input.Shape)
                    {
                        throw new InvalidOperationException(
                            $"{node.Name}: backward produced a gradient of shape {g.Shape} for an input of shape {input.Shape} (an engine bug).");
                    }

                    Deliver(input, g, createGraph, targets, captured);
                }

                grads.Clear();
            }
        }
        finally
        {
            GradMode.Set(previousMode);
            foreach (var node in order)
            {
                // After an error mid-pass nothing may leak into the next pass.
                node.PendingGrad = null;
                node.PendingOwned = false;
            }

            order.Clear();
            workspace.Stack.Clear();
            workspace.Busy = false;
        }
    }

    private static void Deliver(Tensor input, Tensor g, bool createGraph, Tensor[]? targets, Tensor?[]? captured)
    {
        if (targets is not null)
        {
            for (var t = 0; t < targets.Length; t++)
            {
                if (ReferenceEquals(targets[t], input))
                {
                    captured![t] = captured[t] is { } c ? c + g : g;
                }
            }
        }

        if (input.GradFn is { } node)
        {
            if (node.PendingGrad is null)
            {
                node.PendingGrad = g;
                node.PendingOwned = false;
            }
            else if (createGraph || !node.PendingOwned)
            {
                node.PendingGrad = node.PendingGrad + g;
                node.PendingOwned = !createGraph;
            }
            else
            {
                node.PendingGrad.AccumulateInPlace(g);
            }

            return;
        }

        if (targets is not null)
        {
            return;
        }

        if (!createGraph)
        {
            input.AccumulateGrad(g);
        }
        else
        {
            input.Grad = input.Grad is null ? g : input.Grad + g;
        }
    }

    private static void TopologicalOrder(Tensor? single, Tensor[] roots, Workspace workspace)
    {
        var mark = Interlocked.Increment(ref _pass);
        var order = workspace.Order;
        var stack = workspace.Stack;
        for (var r = single is null ? 0 : -1; r < roots.Length; r++)
        {
            var root = r < 0 ? single! : roots[r];
            if (root.GradFn is not { } start || start.Mark == mark)
            {
                continue;
            }

            start.Mark = mark;
            stack.Add((start, 0));
            while (stack.Count > 0)
            {
                var (node, next) = stack[^1];
                if (next < node.Arity)
                {
                    stack[^1] = (node, next + 1);
                    var input = node.Input(next);
                    if (input.RequiresGrad && input.GradFn is { } child && child.Mark != mark)
                    {
                        child.Mark = mark;
                        stack.Add((child, 0));
                    }
                }
                else
                {
                    stack.RemoveAt(stack.Count - 1);
                    order.Add(node);
                }
            }
        }
    }

    /// <summary>Reusable bookkeeping of one backward pass.</summary>
    private sealed class Workspace
    {
        public readonly List<Node> Order = new(64);
        public readonly List<(Node Node, int Next)> Stack = new(64);
        public Tensor?[] Scratch = new Tensor?[4];
        public bool Busy;
    }
}
