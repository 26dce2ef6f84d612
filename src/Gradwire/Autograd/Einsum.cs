using Gradwire.Tensors;

namespace Gradwire.Autograd;

/// <summary>
/// <c>einsum</c> as tensor ops: each operand first loses its repeated indices (a diagonal) and the indices
/// nothing else needs (a sum); then operands are contracted pairwise, left to right, as one batched
/// <see cref="Tensor.MatMul(Tensor)"/> each (batch = indices both share and still need, contracted = indices both
/// share and nothing later needs). Backward and second order come from those ops: the gradient of a
/// contraction is a contraction of the gradient.
/// </summary>
internal static class Einsum
{
    public static Tensor Evaluate(string equation, ReadOnlySpan<Tensor> operands)
    {
        ArgumentNullException.ThrowIfNull(equation);
        var (inputs, output) = Parse(equation, operands.Length);
        var sizes = new Dictionary<char, int>();
        for (var i = 0; i < operands.Length; i++)
        {
            var t = operands[i] ?? throw new ArgumentNullException(nameof(operands), $"einsum \"{equation}\": operand {i} is null.");
            if (inputs[i].Length != t.Rank)
            {
                throw new ArgumentException(
                    $"einsum \"{equation}\": operand {i} has {inputs[i].Length} subscripts \"{inputs[i]}\" but rank {t.Rank} (shape {t.Shape}).");
            }

            if (i > 0 && t.DType != operands[0].DType)
            {
                throw new ArgumentException(
                    $"einsum \"{equation}\": dtypes differ: operand 0 is {operands[0].DType.Name()}, operand {i} is {t.DType.Name()}; convert one with To(DType.{operands[0].DType}).");
            }

            for (var k = 0; k < t.Rank; k++)
            {
                var letter = inputs[i][k];
                var size = t.ShapeArray[k];
                if (sizes.TryGetValue(letter, out var known) && known != size && known != 1 && size != 1)
                {
                    throw new ArgumentException(
                        $"einsum \"{equation}\": index '{letter}' has size {known} in one place and {size} in operand {i} (shape {t.Shape}); sizes must match or be 1.");
                }

                sizes[letter] = sizes.TryGetValue(letter, out known) ? Math.Max(known, size) : size;
            }
        }

        foreach (var letter in output)
        {
            if (!sizes.ContainsKey(letter))
            {
                throw new ArgumentException($"einsum \"{equation}\": output index '{letter}' appears in no operand.");
            }
        }

        var current = operands[0];
        var subs = inputs[0];
        (current, subs) = Reduce(current, subs, Needed(inputs, 1, output), sizes);
        for (var i = 1; i < operands.Length; i++)
        {
            var (next, nextSubs) = Reduce(operands[i], inputs[i], Needed(inputs, i + 1, output) + subs, sizes);
            (current, subs) = Contract(current, subs, next, nextSubs, Needed(inputs, i + 1, output), sizes);
        }

        // Indices the output does not name are summed (possible for a single operand), then the order is set.
        (current, subs) = Reduce(current, subs, output, sizes);
        var perm = new int[output.Length];
        for (var k = 0; k < output.Length; k++)
        {
            perm[k] = subs.IndexOf(output[k], StringComparison.Ordinal);
        }

        return IsIdentity(perm) ? (ReferenceEquals(current, operands[0]) ? current.Clone() : current) : current.Permute(perm);
    }

    /// <summary>"ab,bc->ac" into (["ab", "bc"], "ac"); without "->" the output is the indices seen once, sorted (as PyTorch).</summary>
    private static (string[] Inputs, string Output) Parse(string equation, int count)
    {
        var text = equation.Replace(" ", "", StringComparison.Ordinal);
        if (text.Contains("...", StringComparison.Ordinal))
        {
            throw new ArgumentException($"einsum \"{equation}\": the ellipsis \"...\" is not supported; name every axis with a letter.");
        }

        var arrow = text.IndexOf("->", StringComparison.Ordinal);
        var left = arrow < 0 ? text : text[..arrow];
        var inputs = left.Split(',');
        if (inputs.Length != count)
        {
            throw new ArgumentException($"einsum \"{equation}\": the equation names {inputs.Length} operands but {count} were given.");
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetter(c) && c is not (',' or '-' or '>'))
            {
                throw new ArgumentException($"einsum \"{equation}\": '{c}' is not a subscript; use letters a-z, A-Z, ',' between operands and '->' before the output.");
            }
        }

        string output;
        if (arrow >= 0)
        {
            output = text[(arrow + 2)..];
            if (output.Contains('-', StringComparison.Ordinal) || output.Contains('>', StringComparison.Ordinal) || output.Contains(',', StringComparison.Ordinal))
            {
                throw new ArgumentException($"einsum \"{equation}\": the output after \"->\" must be letters only.");
            }

            for (var i = 0; i < output.Length; i++)
            {
                if (output.IndexOf(output[i], i + 1) >= 0)
                {
                    throw new ArgumentException($"einsum \"{equation}\": output index '{output[i]}' is repeated.");
                }
            }
        }
        else
        {
            var counts = new SortedDictionary<char, int>();
            foreach (var c in left.Replace(",", "", StringComparison.Ordinal))
            {
                counts[c] = counts.GetValueOrDefault(c) + 1;
            }

            var chars = new List<char>();
            foreach (var (c, n) in counts)
            {
                if (n == 1)
                {
                    chars.Add(c);
                }
            }

            output = new string([.. chars]);
        }

        return (inputs, output);
    }

    /// <summary>The indices of operands from <paramref name="from"/> on, and of the output.</summary>
    private static string Needed(string[] inputs, int from, string output)
    {
        var needed = output;
        for (var i = from; i < inputs.Length; i++)
        {
            needed += inputs[i];
        }

        return needed;
    }

    /// <summary>Takes the diagonal of repeated indices and sums out indices not in <paramref name="keep"/>.</summary>
    private static (Tensor T, string Subs) Reduce(Tensor t, string subs, string keep, Dictionary<char, int> sizes)
    {
        for (var p = 0; p < subs.Length; p++)
        {
            var q = subs.IndexOf(subs[p], p + 1);
            while (q >= 0)
            {
                // The diagonal over axes p and q: multiply by the identity there and sum q away.
                var n = sizes[subs[p]];
                var eyeShape = new int[subs.Length];
                Array.Fill(eyeShape, 1);
                eyeShape[p] = n;
                eyeShape[q] = n;
                t = (t * Tensor.Eye(n, n, t.DType).Reshape(eyeShape)).Sum(q);
                subs = subs.Remove(q, 1);
                q = subs.IndexOf(subs[p], p + 1);
            }
        }

        Span<int> drop = stackalloc int[subs.Length];
        var count = 0;
        var kept = "";
        for (var k = 0; k < subs.Length; k++)
        {
            if (keep.Contains(subs[k], StringComparison.Ordinal))
            {
                kept += subs[k];
            }
            else
            {
                drop[count++] = k;
            }
        }

        return count == 0 ? (t, subs) : (t.Sum(drop[..count]), kept);
    }

    /// <summary>One pairwise contraction as a batched matmul: [batch, a-only, contracted] @ [batch, contracted, b-only].</summary>
    private static (Tensor T, string Subs) Contract(Tensor a, string sa, Tensor b, string sb, string later, Dictionary<char, int> sizes)
    {
        string batch = "", contracted = "", aOnly = "", bOnly = "";
        foreach (var c in sa)
        {
            if (sb.Contains(c, StringComparison.Ordinal))
            {
                if (later.Contains(c, StringComparison.Ordinal)) batch += c;
                else contracted += c;
            }
            else
            {
                aOnly += c;
            }
        }

        foreach (var c in sb)
        {
            if (!sa.Contains(c, StringComparison.Ordinal))
            {
                bOnly += c;
            }
        }

        var left = Arrange(a, sa, batch, aOnly, contracted, sizes);
        var right = Arrange(b, sb, batch, contracted, bOnly, sizes);
        var product = left.MatMul(right); // [batch..., M, N]
        var shape = new int[batch.Length + aOnly.Length + bOnly.Length];
        var k = 0;
        foreach (var c in batch + aOnly + bOnly)
        {
            shape[k++] = sizes[c];
        }

        return (product.Reshape(shape), batch + aOnly + bOnly);
    }

    /// <summary>Permutes <paramref name="t"/> to [batch..., rows..., columns...] and reshapes to [batch..., R, C].</summary>
    private static Tensor Arrange(Tensor t, string subs, string batch, string rows, string columns, Dictionary<char, int> sizes)
    {
        var order = batch + rows + columns;
        var perm = new int[order.Length];
        var full = new int[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            perm[k] = subs.IndexOf(order[k], StringComparison.Ordinal);
            full[k] = sizes[order[k]];
        }

        var arranged = IsIdentity(perm) ? t : t.Permute(perm);
        if (!arranged.ShapeArray.AsSpan().SequenceEqual(full))
        {
            arranged = arranged.Expand(full); // a size-1 axis broadcast against the other operand
        }

        int r = 1, c = 1;
        foreach (var ch in rows)
        {
            r *= sizes[ch];
        }

        foreach (var ch in columns)
        {
            c *= sizes[ch];
        }

        var shape = new int[batch.Length + 2];
        for (var k = 0; k < batch.Length; k++)
        {
            shape[k] = sizes[batch[k]];
        }

        shape[^2] = r;
        shape[^1] = c;
        return arranged.ShapeArray.AsSpan().SequenceEqual(shape) ? arranged : arranged.Reshape(shape);
    }

    private static bool IsIdentity(int[] perm)
    {
        for (var i = 0; i < perm.Length; i++)
        {
            if (perm[i] != i)
            {
                return false;
            }
        }

        return true;
    }
}
