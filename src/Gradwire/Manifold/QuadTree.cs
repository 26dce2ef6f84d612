namespace Gradwire.Manifold;

/// <summary>
/// The Barnes-Hut quadtree over a 2-D layout: each cell keeps its points' count and centre of mass; leaves hold
/// up to a few points (<see cref="DefaultLeafSize"/>) (more only at <see cref="MaxDepth"/>, where coincident points end up),
/// stored contiguously so a leaf's exact interactions read memory in order. Rebuilt in place every iteration;
/// no allocation once it has grown to the layout's size.
/// </summary>
internal sealed class QuadTree
{
    public const int DefaultLeafSize = 2;
    public const int MaxDepth = 48;

    private readonly int _leafSize;

    private Node[] _nodes = new Node[64];
    private int _nodeCount;
    private int[] _order = [];
    private int[] _scratch = [];
    private double[] _sorted = [];

    public QuadTree(int leafSize = DefaultLeafSize)
    {
        _leafSize = leafSize;
    }

    /// <summary>The points in tree order (leaf by leaf): visiting points in this order keeps neighbouring traversals in cache.</summary>
    public int[] Order => _order;

    /// <summary>Builds the tree over the n points of <paramref name="y"/> (row-major n×2).</summary>
    public void Build(ReadOnlySpan<double> y, int n)
    {
        if (_order.Length != n)
        {
            _order = new int[n];
            _scratch = new int[n];
            _sorted = new double[2 * n];
        }

        double minX = double.MaxValue, maxX = double.MinValue, minY = double.MaxValue, maxY = double.MinValue;
        for (var i = 0; i < n; i++)
        {
            _order[i] = i;
            minX = Math.Min(minX, y[2 * i]);
            maxX = Math.Max(maxX, y[2 * i]);
            minY = Math.Min(minY, y[2 * i + 1]);
            maxY = Math.Max(maxY, y[2 * i + 1]);
        }

        // A hair wider than the points so the largest ones fall strictly inside.
        var side = Math.Max(maxX - minX, maxY - minY);
        var half = side * (0.5 + 1e-9) + 1e-12;
        _nodeCount = 1;
        BuildNode(y, 0, 0, n, (minX + maxX) / 2, (minY + maxY) / 2, half, 0);
        for (var e = 0; e < n; e++)
        {
            _sorted[2 * e] = y[2 * _order[e]];
            _sorted[2 * e + 1] = y[2 * _order[e] + 1];
        }
    }

    /// <summary>
    /// The repulsive sums for point <paramref name="i"/> at (<paramref name="xi"/>, <paramref name="yi"/>):
    /// returns Σ_{j≠i} w_ij and adds Σ_{j≠i} w_ij² (y_i − y_j) to (<paramref name="fx"/>, <paramref name="fy"/>),
    /// w = 1 / (1 + ‖y_i − y_j‖²), with a cell summarized by its centre of mass when width² &lt; θ² · d².
    /// </summary>
    public double Repulsion(int i, double xi, double yi, double theta2, out double fx, out double fy)
    {
        Span<int> stack = stackalloc int[4 * MaxDepth + 8];
        var top = 0;
        stack[top++] = 0;
        double sumQ = 0, sx = 0, sy = 0;
        var nodes = _nodes;
        var sorted = _sorted;
        var order = _order;
        while (top > 0)
        {
            ref readonly var node = ref nodes[stack[--top]];
            if (node.FirstChild < 0)
            {
                for (var e = node.Start; e < node.End; e++)
                {
                    if (order[e] == i)
                    {
                        continue;
                    }

                    var dx = xi - sorted[2 * e];
                    var dy = yi - sorted[2 * e + 1];
                    var w = 1 / (1 + dx * dx + dy * dy);
                    sumQ += w;
                    var ww = w * w;
                    sx += ww * dx;
                    sy += ww * dy;
                }

                continue;
            }

            var cx = xi - node.ComX;
            var cy = yi - node.ComY;
            var d2 = cx * cx + cy * cy;
            if (node.Width * node.Width < theta2 * d2)
            {
                var w = 1 / (1 + d2);
                var mult = node.Count * w;
                sumQ += mult;
                mult *= w;
                sx += mult * cx;
                sy += mult * cy;
            }
            else
            {
                for (var c = node.FirstChild + node.ChildCount - 1; c >= node.FirstChild; c--)
                {
                    stack[top++] = c;
                }
            }
        }

        fx = sx;
        fy = sy;
        return sumQ;
    }

    private void BuildNode(ReadOnlySpan<double> y, int index, int start, int end, double cx, double cy, double half, int depth)
    {
        double comX = 0, comY = 0;
        for (var e = start; e < end; e++)
        {
            comX += y[2 * _order[e]];
            comY += y[2 * _order[e] + 1];
        }

        var count = end - start;
        _nodes[index] = new Node
        {
            ComX = comX / count,
            ComY = comY / count,
            Width = 2 * half,
            Count = count,
            Start = start,
            End = end,
            FirstChild = -1,
        };
        if (count <= _leafSize || depth >= MaxDepth)
        {
            return;
        }

        Span<int> counts = stackalloc int[4];
        for (var e = start; e < end; e++)
        {
            counts[Quadrant(y, _order[e], cx, cy)]++;
        }

        Span<int> offsets = stackalloc int[4];
        offsets[0] = start;
        for (var q = 1; q < 4; q++)
        {
            offsets[q] = offsets[q - 1] + counts[q - 1];
        }

        Span<int> fill = stackalloc int[4];
        offsets.CopyTo(fill);
        for (var e = start; e < end; e++)
        {
            var p = _order[e];
            _scratch[fill[Quadrant(y, p, cx, cy)]++] = p;
        }

        Array.Copy(_scratch, start, _order, start, count);
        var children = 0;
        for (var q = 0; q < 4; q++)
        {
            if (counts[q] > 0)
            {
                children++;
            }
        }

        var first = Allocate(children);
        _nodes[index].FirstChild = first;
        _nodes[index].ChildCount = children;
        var quarter = half / 2;
        var child = first;
        for (var q = 0; q < 4; q++)
        {
            if (counts[q] > 0)
            {
                BuildNode(y, child++, offsets[q], offsets[q] + counts[q], cx + ((q & 1) != 0 ? quarter : -quarter),
                    cy + ((q & 2) != 0 ? quarter : -quarter), quarter, depth + 1);
            }
        }
    }

    private static int Quadrant(ReadOnlySpan<double> y, int p, double cx, double cy) =>
        (y[2 * p] >= cx ? 1 : 0) + (y[2 * p + 1] >= cy ? 2 : 0);

    private int Allocate(int count)
    {
        if (_nodeCount + count > _nodes.Length)
        {
            Array.Resize(ref _nodes, Math.Max(_nodes.Length * 2, _nodeCount + count));
        }

        var first = _nodeCount;
        _nodeCount += count;
        return first;
    }

    private struct Node
    {
        public double ComX;
        public double ComY;
        public double Width;
        public int Count;
        public int Start;
        public int End;
        public int FirstChild;
        public int ChildCount;
    }
}
