using System.Globalization;
using System.Text;

namespace Gradwire.Tensors;

public sealed partial class Tensor
{
    private const int ElideAbove = 1000;
    private const int EdgeItems = 3;

    /// <summary>
    /// PyTorch-style text: <c>tensor([[1., 2.], [3., 4.]], dtype=float32)</c> (int64 without the dot, bool as
    /// <c>True</c>/<c>False</c>) laid out one row per line, with
    /// the shape, and the op or <c>requires_grad</c> when recording. Tensors with more than 1000 elements show
    /// the first and last 3 entries of each long axis around <c>...</c>.
    /// </summary>
    public override string ToString()
    {
        if (IsDisposed)
        {
            return $"tensor(<disposed>, shape={Shape}, dtype={DType.Name()})";
        }

        var elide = Numel > ElideAbove;
        var shown = new List<double>();
        Walk(0, Offset, elide, shown, null, 0);
        var format = DType switch { DType.Int64 => "int64", DType.Bool => "bool", _ => ChooseFormat(shown) };
        var sb = new StringBuilder("tensor(");
        if (Rank == 0)
        {
            sb.Append(ElementText(Offset, format));
        }
        else
        {
            var width = 0;
            foreach (var v in shown)
            {
                width = Math.Max(width, FormatNumber(v, format).Length);
            }

            Walk(0, Offset, elide, null, sb, width, format);
        }

        sb.Append(", shape=").Append(Shape).Append(", dtype=").Append(DType.Name());
        if (!Device.IsCpu)
        {
            sb.Append(", device=").Append(Device);
        }

        if (GradFn is not null)
        {
            sb.Append(", op=").Append(GradFn.Name);
        }
        else if (RequiresGrad)
        {
            sb.Append(", requires_grad=true");
        }

        return sb.Append(')').ToString();
    }

    private void Walk(int axis, int offset, bool elide, List<double>? collect, StringBuilder? sb, int width, string format = "")
    {
        if (Rank == 0)
        {
            collect?.Add(GetFlat(offset));
            return;
        }

        var size = ShapeArray[axis];
        var skip = elide && size > 2 * EdgeItems;
        sb?.Append('[');
        for (var i = 0; i < size; i++)
        {
            if (skip && i == EdgeItems)
            {
                sb?.Append(axis == Rank - 1 ? "..., " : "...,\n" + new string(' ', 8 + axis));
                i = size - EdgeItems - 1;
                continue;
            }

            var at = offset + i * StridesArray[axis];
            if (axis == Rank - 1)
            {
                collect?.Add(GetFlat(at));
                sb?.Append(ElementText(at, format).PadLeft(width));
                if (i < size - 1)
                {
                    sb?.Append(", ");
                }
            }
            else
            {
                Walk(axis + 1, at, elide, collect, sb, width, format);
                if (i < size - 1)
                {
                    sb?.Append(',').Append('\n', Rank - axis - 1).Append(' ', 8 + axis);
                }
            }
        }

        sb?.Append(']');
    }

    private static string ChooseFormat(List<double> values)
    {
        var allIntegers = true;
        double maxAbs = 0, minAbs = double.PositiveInfinity;
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                continue;
            }

            allIntegers &= v == Math.Floor(v);
            var a = Math.Abs(v);
            maxAbs = Math.Max(maxAbs, a);
            if (a > 0)
            {
                minAbs = Math.Min(minAbs, a);
            }
        }

        if (allIntegers && maxAbs < 1e8)
        {
            return "int";
        }

        if (maxAbs >= 1e8 || (minAbs < 1e-4 && maxAbs / minAbs > 1e3))
        {
            return "0.0000e+00";
        }

        return "0.0000";
    }

    /// <summary>One element as text; int64 is read as a long so that values beyond 2⁵³ print exactly.</summary>
    private string ElementText(int at, string format) =>
        DType == DType.Int64 ? Data<long>()[at].ToString(CultureInfo.InvariantCulture) : FormatNumber(GetFlat(at), format);

    private static string FormatNumber(double v, string format)
    {
        if (format == "bool")
        {
            // PyTorch prints booleans as Python does.
            return v != 0 ? "True" : "False";
        }

        if (format == "int64")
        {
            return v.ToString("0", CultureInfo.InvariantCulture);
        }

        if (double.IsNaN(v))
        {
            return "nan";
        }

        if (double.IsInfinity(v))
        {
            return v > 0 ? "inf" : "-inf";
        }

        return format == "int"
            ? v.ToString("0", CultureInfo.InvariantCulture) + "."
            : v.ToString(format, CultureInfo.InvariantCulture);
    }
}
