using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gradwire.Scalars;

/// <summary>The graph algorithms of <see cref="Value"/>: topological order, backward, zero-grad, gradients.</summary>
public sealed partial class Value
{
    // Scratch state of one traversal. _mark stamps the nodes a traversal has visited (instead of a hash set),
    // _pass holds the gradient flowing through the node during one backward pass.
    private const int RetainedScratch = 1 << 20; // entries of scratch kept per thread between calls
    private static int s_epoch;
    [ThreadStatic] private static Frame[]? t_stack;
    [ThreadStatic] private static List<Value>? t_order;
    private int _mark;
    private double _pass;

    /// <summary>
    /// Backpropagation from this node: adds ∂(this)/∂(node) to the <see cref="Grad"/> of this node (which gets 1)
    /// and of every node below it, in reverse topological order, each node's local derivatives times the
    /// gradient from above.
    /// </summary>
    /// <remarks>
    /// A second call adds the same gradients again (every <see cref="Grad"/> doubles), like PyTorch's
    /// <c>backward(retain_graph=True)</c> called twice: the graph is kept, gradients accumulate. Call
    /// <see cref="ZeroGrad"/> in between to start from zero. The pass propagates its own gradients (not the
    /// <see cref="Grad"/> already stored in interior nodes), so earlier passes never leak into later ones.
    /// Iterative, so a chain of millions of nodes is fine; allocation-free per node.
    /// </remarks>
    public void Backward()
    {
        var order = RentOrder();
        try
        {
            TopologicalOrder(this, order);
            _pass = 1;
            Propagate(order, intoGrad: true);
        }
        finally
        {
            ReturnOrder(order);
        }
    }

    /// <summary>Sets <see cref="Grad"/> = 0 on this node and every node below it (iteratively).</summary>
    public void ZeroGrad()
    {
        var order = RentOrder();
        try
        {
            TopologicalOrder(this, order);
            foreach (var node in CollectionsMarshal.AsSpan(order))
            {
                node.Grad = 0;
            }
        }
        finally
        {
            ReturnOrder(order);
        }
    }

    /// <summary>
    /// Every node below this one (this one included), children before parents, children visited in argument
    /// order: the same graph always gives the same order.
    /// </summary>
    public IReadOnlyList<Value> TopologicalOrder()
    {
        var order = new List<Value>();
        TopologicalOrder(this, order);
        return order;
    }

    /// <summary>
    /// The gradients ∂<paramref name="output"/>/∂<paramref name="wrt"/>[i], without touching any
    /// <see cref="Grad"/>. With <paramref name="createGraph"/> the gradients are themselves graphs over the
    /// same inputs, so they can be differentiated again (second and higher derivatives); without it they are
    /// constant leaves. A node that <paramref name="output"/> does not depend on gets 0.
    /// </summary>
    /// <param name="output">The function value to differentiate.</param>
    /// <param name="wrt">The nodes to differentiate with respect to (usually leaves).</param>
    /// <param name="createGraph">Build the gradient as a differentiable graph.</param>
    public static Value[] Gradients(Value output, IReadOnlyList<Value> wrt, bool createGraph)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(wrt);
        var result = new Value[wrt.Count];
        var order = new List<Value>();
        var mark = TopologicalOrder(output, order);
        if (!createGraph)
        {
            output._pass = 1;
            Propagate(order, intoGrad: false);
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = new Value(wrt[i]._mark == mark ? wrt[i]._pass : 0);
            }

            return result;
        }

        // Create-graph: the same rules with T = Value, so every gradient is a graph of ordinary nodes.
        var grads = new Dictionary<Value, Value>(ReferenceEqualityComparer.Instance) { [output] = new Value(1) };
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (node._op == ScalarOp.Leaf || !grads.TryGetValue(node, out var upstream))
            {
                continue;
            }

            var a = node._a!;
            var (da, db) = ScalarRules.Derivatives(node._op, a, node._b ?? a, node, node._constant);
            Accumulate(grads, a, upstream * da);
            if (node._b is { } b)
            {
                Accumulate(grads, b, upstream * db);
            }
        }

        for (var i = 0; i < result.Length; i++)
        {
            result[i] = grads.TryGetValue(wrt[i], out var g) ? g : new Value(0);
        }

        return result;
    }

    /// <summary>
    /// The first node (inputs first) whose local derivative is infinite or undefined although its inputs are
    /// finite, described by <see cref="ScalarRules.DerivativeError"/>; null when there is none.
    /// </summary>
    internal string? FindUndefinedDerivative()
    {
        foreach (var node in TopologicalOrder())
        {
            if (node._op == ScalarOp.Leaf)
            {
                continue;
            }

            var a = node._a!;
            var error = ScalarRules.DerivativeError(node._op, a.Data, (node._b ?? a).Data, node.Data, node._constant);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static void Accumulate(Dictionary<Value, Value> grads, Value node, Value contribution) =>
        grads[node] = grads.TryGetValue(node, out var sum) ? sum + contribution : contribution;

    /// <summary>
    /// The reverse sweep over doubles: for each node from the top, local derivative × gradient from above,
    /// accumulated into the children. Reads the rules with <see cref="DoubleScalar"/>, so it is plain arithmetic.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot from the first call: skip the unoptimized tier
    private static void Propagate(List<Value> order, bool intoGrad)
    {
        var nodes = CollectionsMarshal.AsSpan(order);
        for (var i = nodes.Length - 1; i >= 0; i--)
        {
            var node = nodes[i];
            var upstream = node._pass;
            if (intoGrad)
            {
                node.Grad += upstream;
            }

            if (node._op == ScalarOp.Leaf)
            {
                continue;
            }

            var a = node._a!;
            var b = node._b;
            var (da, db) = ScalarRules.Derivatives(
                node._op, new DoubleScalar(a.Data), new DoubleScalar(b is null ? a.Data : b.Data),
                new DoubleScalar(node.Data), node._constant);
            a._pass += da.Value * upstream;
            if (b is not null)
            {
                b._pass += db.Value * upstream;
            }
        }
    }

    /// <summary>
    /// Appends every node below <paramref name="root"/> to <paramref name="order"/> in post-order (children in
    /// argument order, then the node), with an explicit stack instead of recursion. Returns the stamp that marks
    /// the visited nodes; their pass gradients are reset to 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int TopologicalOrder(Value root, List<Value> order)
    {
        ArgumentNullException.ThrowIfNull(root);
        var mark = Interlocked.Increment(ref s_epoch);
        if (mark == 0)
        {
            mark = Interlocked.Increment(ref s_epoch); // 0 is the stamp of a never-visited node
        }

        var stack = t_stack ??= new Frame[256];
        var top = 0;
        var deepest = 0;
        root._mark = mark;
        root._pass = 0;
        stack[top++] = new Frame(root);
        try
        {
            while (top > 0)
            {
                ref var frame = ref stack[top - 1];
                var node = frame.Node;
                var child = frame.Next switch { 0 => node._a, 1 => node._b, _ => null };
                if (child is null)
                {
                    order.Add(node);
                    top--;
                    continue;
                }

                frame.Next++;
                if (child._mark == mark)
                {
                    continue;
                }

                child._mark = mark;
                child._pass = 0;
                if (child._op == ScalarOp.Leaf)
                {
                    order.Add(child); // its post-order is itself: no frame needed
                    continue;
                }

                if (top == stack.Length)
                {
                    Array.Resize(ref stack, stack.Length * 2);
                    t_stack = stack;
                }

                stack[top++] = new Frame(child);
                deepest = Math.Max(deepest, top);
            }
        }
        finally
        {
            Array.Clear(stack, 0, Math.Max(deepest, 1)); // do not keep the graph alive from a thread-static
            if (stack.Length > RetainedScratch)
            {
                t_stack = null; // a huge graph was a one-off: do not hold its memory for the thread's lifetime
            }
        }

        return mark;
    }

    private static List<Value> RentOrder()
    {
        var order = t_order ?? new List<Value>();
        t_order = null; // a nested call (from another thread's callback, a re-entrant caller) gets its own list
        return order;
    }

    private static void ReturnOrder(List<Value> order)
    {
        order.Clear(); // do not keep the graph alive from a thread-static
        t_order = order.Capacity > RetainedScratch ? null : order;
    }

    private struct Frame(Value node)
    {
        public readonly Value Node = node;
        public int Next;
    }
}
