using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>
/// Chapter 1, "Becoming a backprop ninja": every pattern of the guide with its hand-written backward pass
/// (the guide's <c>da</c>, <c>db</c>, ... given <c>dx = 1</c>) beside the gradients <see cref="Value"/>
/// computes, shown to agree; then the CS231n notes' three examples with their exact numbers.
/// </summary>
internal sealed class NinjaDemo : IDemo
{
    private const double Tolerance = 1e-12;

    public string Name => "ninja";

    public string Summary => "every backprop-ninja pattern, hand-written backward beside Value's; CS231n examples";

    public int Order => 130;

    public void Run(DemoReport report)
    {
        report.Heading("Backprop ninja: hand-written backward vs Value (dx = 1 from above)");
        var allAgree = true;
        foreach (var pattern in Patterns())
        {
            allAgree &= Show(report, pattern);
        }

        allAgree &= Cs231nNeuron(report);
        allAgree &= Cs231nStaged(report);
        allAgree &= Cs231nMax(report);

        report.Line();
        report.Line(allAgree ? "every hand-written gradient agrees with Value's" : "SOME GRADIENTS DISAGREE");
        report.Set("all_agree", allAgree);
    }

    /// <summary>One pattern: its variables, where it is evaluated, the hand-written forward and backward, and the same with Value.</summary>
    private sealed record Pattern(
        string Key,
        string Expression,
        string[] Names,
        double[] At,
        Func<double[], (double X, double[] Grad)> ByHand,
        Func<Value[], Value> WithValue);

    private static IEnumerable<Pattern> Patterns()
    {
        const double dx = 1.0; // the gradient on the output, "coming from somewhere above us in the circuit"
        yield return new Pattern("mul", "x = a * b", ["a", "b"], [2, -3], v =>
        {
            var (a, b) = (v[0], v[1]);
            var x = a * b;
            var da = b * dx;
            var db = a * dx;
            return (x, [da, db]);
        }, v => v[0] * v[1]);

        yield return new Pattern("add3", "x = a + b + c (q = a + b; x = q + c)", ["a", "b", "c"], [2, -3, 4], v =>
        {
            var q = v[0] + v[1];
            var x = q + v[2];
            var dc = 1.0 * dx;
            var dq = 1.0 * dx;
            var da = 1.0 * dq;
            var db = 1.0 * dq;
            return (x, [da, db, dc]);
        }, v => v[0] + v[1] + v[2]);

        yield return new Pattern("mul_add", "x = a * b + c", ["a", "b", "c"], [2, -3, 4], v =>
        {
            var (a, b, c) = (v[0], v[1], v[2]);
            var x = a * b + c;
            return (x, [b * dx, a * dx, 1.0 * dx]);
        }, v => v[0] * v[1] + v[2]);

        yield return new Pattern("neuron", "q = a*x + b*y + c; f = sig(q)", ["a", "b", "c", "x", "y"], [1, 2, -3, -1, 3], v =>
        {
            var (a, b, c, x, y) = (v[0], v[1], v[2], v[3], v[4]);
            var q = a * x + b * y + c;
            var f = 1.0 / (1.0 + Math.Exp(-q));
            var df = 1.0;
            var dq = (f * (1 - f)) * df;
            return (f, [x * dq, y * dq, 1.0 * dq, a * dq, b * dq]);
        }, v => (v[0] * v[3] + v[1] * v[4] + v[2]).Sigmoid());

        yield return new Pattern("square", "x = a * a", ["a"], [3], v =>
        {
            var a = v[0];
            var x = a * a;
            var da = a * dx; // gradient into a from the first branch
            da += a * dx; // and from the second branch: 2 * a * dx
            return (x, [da]);
        }, v => v[0] * v[0]);

        yield return new Pattern("sum_squares", "x = a*a + b*b + c*c", ["a", "b", "c"], [2, -3, 4], v =>
        {
            var (a, b, c) = (v[0], v[1], v[2]);
            var x = a * a + b * b + c * c;
            return (x, [2 * a * dx, 2 * b * dx, 2 * c * dx]);
        }, v => v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);

        yield return new Pattern("pow_chain", "x = ((a * b + c) * d)^2", ["a", "b", "c", "d"], [2, -3, 4, -1], v =>
        {
            var (a, b, c, d) = (v[0], v[1], v[2], v[3]);
            var x1 = a * b + c;
            var x2 = x1 * d;
            var x = x2 * x2;
            var dx2 = 2 * x2 * dx; // backprop into x2
            var dd = x1 * dx2; // backprop into d
            var dx1 = d * dx2; // backprop into x1
            return (x, [b * dx1, a * dx1, 1.0 * dx1, dd]);
        }, v => ((v[0] * v[1] + v[2]) * v[3]).Pow(2));

        yield return new Pattern("reciprocal", "x = 1.0 / a", ["a"], [2], v =>
        {
            var a = v[0];
            var x = 1.0 / a;
            var da = -1.0 / (a * a) * dx;
            return (x, [da]);
        }, v => 1.0 / v[0]);

        yield return new Pattern("division", "x = (a + b) / (c + d)", ["a", "b", "c", "d"], [2, -3, 4, -1], v =>
        {
            var x1 = v[0] + v[1];
            var x2 = v[2] + v[3];
            var x3 = 1.0 / x2;
            var x = x1 * x3;
            var dx1 = x3 * dx;
            var dx3 = x1 * dx;
            var dx2 = (-1.0 / (x2 * x2)) * dx3;
            return (x, [1.0 * dx1, 1.0 * dx1, 1.0 * dx2, 1.0 * dx2]);
        }, v => (v[0] + v[1]) / (v[2] + v[3]));

        yield return new Pattern("max", "x = max(a, b)", ["a", "b"], [2, -3], v =>
        {
            var (a, b) = (v[0], v[1]);
            var x = Math.Max(a, b);
            var da = a == x ? 1.0 * dx : 0.0;
            var db = b == x && a != x ? 1.0 * dx : 0.0; // at a tie the first argument takes the gradient
            return (x, [da, db]);
        }, v => Value.Max(v[0], v[1]));

        yield return new Pattern("relu_on", "x = max(a, 0) (ReLU, fires)", ["a"], [2], ReluByHand, v => v[0].Relu());

        yield return new Pattern("relu_off", "x = max(a, 0) (ReLU, does not fire)", ["a"], [-3], ReluByHand, v => v[0].Relu());

        static (double, double[]) ReluByHand(double[] v)
        {
            var a = v[0];
            var x = Math.Max(a, 0);
            var da = a > 0 ? 1.0 * dx : 0.0;
            return (x, [da]);
        }
    }

    private static bool Show(DemoReport report, Pattern pattern)
    {
        var (x, hand) = pattern.ByHand(pattern.At);
        var leaves = new Value[pattern.At.Length];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = new Value(pattern.At[i], pattern.Names[i]);
        }

        var output = pattern.WithValue(leaves);
        output.Backward();
        var auto = leaves.Select(l => l.Grad).ToArray();
        var diff = Math.Max(Math.Abs(output.Data - x), DemoMath.MaxAbsDiff(hand, auto));
        var agree = diff <= Tolerance;

        var at = string.Join(", ", pattern.Names.Select((n, i) => $"{n}={F(pattern.At[i], 0)}"));
        report.Line();
        report.Line($"{pattern.Expression}   at {at}: x = {F(x)}");
        report.Line($"  by hand: {Gradients(pattern.Names, hand)}");
        report.Line($"  Value:   {Gradients(pattern.Names, auto)}   {(agree ? "agree" : "DISAGREE")}");
        var path = "patterns." + pattern.Key;
        report.Set(path + ".expression", pattern.Expression);
        report.Set(path + ".at", pattern.At);
        report.Set(path + ".x", x);
        report.Set(path + ".hand", hand);
        report.Set(path + ".value", auto);
        report.Set(path + ".agree", agree);
        return agree;
    }

    /// <summary>CS231n: the 2-input neuron with w = [2, −3, −3], x = [−1, −2], backprop staged through <c>dot</c>.</summary>
    private static bool Cs231nNeuron(DemoReport report)
    {
        double[] w = [2, -3, -3];
        double[] x = [-1, -2];
        var dot = w[0] * x[0] + w[1] * x[1] + w[2];
        var f = 1.0 / (1 + Math.Exp(-dot));
        var ddot = (1 - f) * f; // the sigmoid's local gradient
        double[] dx = [w[0] * ddot, w[1] * ddot];
        double[] dw = [x[0] * ddot, x[1] * ddot, 1.0 * ddot];

        var wv = w.Select((v, i) => new Value(v, $"w{i}")).ToArray();
        var xv = x.Select((v, i) => new Value(v, $"x{i}")).ToArray();
        var fv = (wv[0] * xv[0] + wv[1] * xv[1] + wv[2]).Sigmoid();
        fv.Backward();
        var diff = Math.Max(DemoMath.MaxAbsDiff(dx, xv.Select(v => v.Grad).ToArray()), DemoMath.MaxAbsDiff(dw, wv.Select(v => v.Grad).ToArray()));
        diff = Math.Max(diff, Math.Abs(fv.Data - f));
        var agree = diff <= Tolerance;

        report.Heading("CS231n: a neuron, f = sigmoid(w0*x0 + w1*x1 + w2), w = [2, -3, -3], x = [-1, -2]");
        report.Line($"dot = {F(dot)}, f = {F(f)}, ddot = (1 - f) * f = {F(ddot)}");
        report.Line($"dx = [{F(dx[0])}, {F(dx[1])}], dw = [{F(dw[0])}, {F(dw[1])}, {F(dw[2])}]");
        report.Line($"Value: dx = [{F(xv[0].Grad)}, {F(xv[1].Grad)}], dw = [{F(wv[0].Grad)}, {F(wv[1].Grad)}, {F(wv[2].Grad)}]   " +
                    (agree ? "agree" : "DISAGREE"));
        report.Set("cs231n.neuron.output", f);
        report.Set("cs231n.neuron.dx", dx);
        report.Set("cs231n.neuron.dw", dw);
        report.Set("cs231n.neuron.value_dx", xv.Select(v => v.Grad).ToArray());
        report.Set("cs231n.neuron.value_dw", wv.Select(v => v.Grad).ToArray());
        report.Set("cs231n.neuron.agree", agree);
        return agree;
    }

    /// <summary>CS231n's staged example f = (x + σ(y)) / (σ(x) + (x + y)²) at x = 3, y = −4, forward in 8 stages, backward in reverse.</summary>
    private static bool Cs231nStaged(DemoReport report)
    {
        double x = 3, y = -4;
        var sigy = 1.0 / (1 + Math.Exp(-y)); // (1)
        var num = x + sigy; // (2)
        var sigx = 1.0 / (1 + Math.Exp(-x)); // (3)
        var xpy = x + y; // (4)
        var xpysqr = xpy * xpy; // (5)
        var den = sigx + xpysqr; // (6)
        var invden = 1.0 / den; // (7)
        var f = num * invden; // (8)

        var dnum = invden; // (8)
        var dinvden = num; // (8)
        var dden = (-1.0 / (den * den)) * dinvden; // (7)
        var dsigx = 1 * dden; // (6)
        var dxpysqr = 1 * dden; // (6)
        var dxpy = (2 * xpy) * dxpysqr; // (5)
        var dx = 1 * dxpy; // (4)
        var dy = 1 * dxpy; // (4)
        dx += ((1 - sigx) * sigx) * dsigx; // (3): += because x feeds more than one stage
        dx += 1 * dnum; // (2)
        var dsigy = 1 * dnum; // (2)
        dy += ((1 - sigy) * sigy) * dsigy; // (1)

        var xv = new Value(x, "x");
        var yv = new Value(y, "y");
        var fv = (xv + yv.Sigmoid()) / (xv.Sigmoid() + (xv + yv).Pow(2));
        fv.Backward();
        var diff = Math.Max(Math.Abs(fv.Data - f), Math.Max(Math.Abs(xv.Grad - dx), Math.Abs(yv.Grad - dy)));
        var agree = diff <= Tolerance;

        report.Heading("CS231n: staged backprop of f = (x + sigmoid(y)) / (sigmoid(x) + (x + y)^2) at x = 3, y = -4");
        report.Line($"forward: sigy = {F(sigy)}, num = {F(num)}, sigx = {F(sigx)}, xpy = {F(xpy)}, xpysqr = {F(xpysqr)}, " +
                    $"den = {F(den)}, invden = {F(invden)}, f = {F(f)}");
        report.Line($"backward (+= where x and y branch): df/dx = {F(dx)}, df/dy = {F(dy)}");
        report.Line($"Value: f = {F(fv.Data)}, df/dx = {F(xv.Grad)}, df/dy = {F(yv.Grad)}   {(agree ? "agree" : "DISAGREE")}");
        report.Set("cs231n.staged.output", f);
        report.Set("cs231n.staged.dx", dx);
        report.Set("cs231n.staged.dy", dy);
        report.Set("cs231n.staged.value_dx", xv.Grad);
        report.Set("cs231n.staged.value_dy", yv.Grad);
        report.Set("cs231n.staged.agree", agree);
        return agree;
    }

    /// <summary>CS231n's gradient-routing example 2·(x·y + max(z, w)) at (3, −4, 2, −1).</summary>
    private static bool Cs231nMax(DemoReport report)
    {
        double x = 3, y = -4, z = 2, w = -1;
        var xy = x * y;
        var m = Math.Max(z, w);
        var s = xy + m;
        var f = 2 * s;
        var ds = 2.0; // the multiply-by-2 gate scales the gradient
        var dxy = ds; // the add gate distributes it unchanged
        var dm = ds;
        var dz = z >= w ? dm : 0.0; // the max gate routes it to the larger input
        var dw = z >= w ? 0.0 : dm;
        var dx = y * dxy; // the multiply gate switches its inputs
        var dy = x * dxy;
        double[] hand = [dx, dy, dz, dw];

        var leaves = new[] { new Value(x, "x"), new Value(y, "y"), new Value(z, "z"), new Value(w, "w") };
        var fv = 2 * (leaves[0] * leaves[1] + Value.Max(leaves[2], leaves[3]));
        fv.Backward();
        var auto = leaves.Select(l => l.Grad).ToArray();
        var agree = Math.Max(Math.Abs(fv.Data - f), DemoMath.MaxAbsDiff(hand, auto)) <= Tolerance;

        report.Heading("CS231n: gradient routing, f = 2 * (x*y + max(z, w)) at x = 3, y = -4, z = 2, w = -1");
        report.Line($"f = {F(f)}; add distributes, max routes, multiply switches:");
        report.Line($"  by hand: {Gradients(["x", "y", "z", "w"], hand)}");
        report.Line($"  Value:   {Gradients(["x", "y", "z", "w"], auto)}   {(agree ? "agree" : "DISAGREE")}");
        report.Set("cs231n.max.output", f);
        report.Set("cs231n.max.grad", hand);
        report.Set("cs231n.max.value_grad", auto);
        report.Set("cs231n.max.agree", agree);
        return agree;
    }

    private static string Gradients(string[] names, double[] grads) =>
        string.Join(", ", names.Select((n, i) => $"d{n} = {F(grads[i])}"));


    private static string F(double value, int decimals = 4) => DemoReport.F(value, decimals);
}
