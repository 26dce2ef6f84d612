using System.Text.Json.Nodes;
using Gradwire.Guide;
using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>
/// Chapter 2: the guide's 2-layer neural network (3 ReLU hidden neurons, then a linear score) trained with the
/// same SVM pull on the 6-point dataset, its backward pass written out by hand as in the guide; at every
/// iteration the hand-written gradients are checked against <see cref="Value"/> autodiff of the equivalent loss.
/// </summary>
internal sealed class SvmNetDemo : IDemo
{
    // The first seed whose run fits the 6 points within LongIterations; the seed sweep says how typical that is.
    private const int Seed = 3;
    private const int Iterations = 400;
    private const int LogEvery = 25;
    private const int LongIterations = 4000;
    private const int LongLogEvery = 400;
    private const int SeedSweep = 1000;
    private const double StepSize = 0.01;

    public string Name => "svm-net";

    public string Summary => "the guide's 2-layer ReLU net on the 6-point data; hand backward checked against Value";

    public int Order => 210;

    public void Run(DemoReport report)
    {
        var random = new Random(Seed);
        var net = new Net(random);
        report.Heading("2-layer net: n_k = max(0, a_k*x + b_k*y + c_k), k = 1..3; score = a4*n1 + b4*n2 + c4*n3 + d4");
        report.Line($"parameters uniform in [-0.5, 0.5), then SGD with step {StepSize}, one random point per iteration (System.Random seed {Seed},");
        report.Line("the first seed that fits the data within 4000 iterations: the sweep below says how typical that is)");
        report.Set("initial_parameters", net.Parameters());

        var worst = 0.0;
        for (var iter = 0; iter < LongIterations; iter++)
        {
            var i = GuidePoints.PickIndex(random);
            var x = GuidePoints.Points[i].X;
            var y = GuidePoints.Points[i].Y;
            var label = GuidePoints.Points[i].Label;

            var before = net.Parameters();
            var pulls = net.HandBackward(x, y, label);
            worst = Math.Max(worst, CheckAgainstValue(before, x, y, label, pulls));
            net.Update(pulls, StepSize);

            if (iter < Iterations ? iter % LogEvery == 0 : iter % LongLogEvery == 0)
            {
                var accuracy = GuidePoints.Accuracy(net.Score);
                report.Line($"training accuracy at iteration {iter,4}: {F(accuracy, 3)}");
                report.Append("log", new JsonObject { ["iteration"] = iter, ["accuracy"] = accuracy });
            }

            if (iter == Iterations - 1)
            {
                var atGuideEnd = GuidePoints.Accuracy(net.Score);
                report.Line($"after the guide's {Iterations} iterations: training accuracy {F(atGuideEnd, 3)}; going on to {LongIterations}");
                report.Set("accuracy_after_400", atGuideEnd);
            }
        }

        var final = GuidePoints.Accuracy(net.Score);
        report.Line($"after {LongIterations} iterations: training accuracy {F(final, 3)}");
        report.Set("final_accuracy", final);
        report.Set("parameters", net.Parameters());

        report.Heading("How often does the guide's recipe fit the 6 points?");
        var fit400 = 0;
        var fitLong = 0;
        for (var seed = 0; seed < SeedSweep; seed++)
        {
            var sweepRandom = new Random(seed);
            var sweepNet = new Net(sweepRandom);
            for (var iter = 0; iter < LongIterations; iter++)
            {
                var i = GuidePoints.PickIndex(sweepRandom);
                sweepNet.Update(sweepNet.HandBackward(GuidePoints.Points[i].X, GuidePoints.Points[i].Y, GuidePoints.Points[i].Label), StepSize);
                if (iter == Iterations - 1 && GuidePoints.Accuracy(sweepNet.Score) == 1.0)
                {
                    fit400++;
                }
            }

            if (GuidePoints.Accuracy(sweepNet.Score) == 1.0)
            {
                fitLong++;
            }
        }

        report.Line($"over seeds 0..{SeedSweep - 1}: {F(100.0 * fit400 / SeedSweep, 1)}% reach training accuracy 1 after {Iterations} iterations, " +
                    $"{F(100.0 * fitLong / SeedSweep, 1)}% after {LongIterations}");
        report.Line("(the regularization pull of strength 1 keeps the small random weights small; the hidden units need time to grow)");
        report.Set("seeds.count", SeedSweep);
        report.Set("seeds.fraction_fit_400", (double)fit400 / SeedSweep);
        report.Set("seeds.fraction_fit_4000", (double)fitLong / SeedSweep);

        report.Heading("Hand-written backward vs Value autodiff");
        report.Line("loss = max(0, 1 - label*score) + 0.5*(a1^2 + b1^2 + a2^2 + b2^2 + a3^2 + b3^2 + a4^2 + b4^2 + c4^2);");
        report.Line("the guide's pulls are -d(loss)/d(parameter), so they must equal minus Value's gradients.");
        var agree = worst <= 1e-12;
        report.Line($"largest difference over all {LongIterations} iterations and 13 parameters: {worst:E2} -> {(agree ? "agree" : "DISAGREE")}");
        report.Set("check.max_abs_diff", worst);
        report.Set("check.agree", agree);
    }

    /// <summary>Builds the same network with Values, backpropagates the loss, returns the largest |pull + grad|.</summary>
    private static double CheckAgainstValue(double[] p, double x, double y, int label, double[] pulls)
    {
        var v = new Value[p.Length];
        for (var k = 0; k < p.Length; k++)
        {
            v[k] = new Value(p[k]);
        }

        var n1 = (v[0] * x + v[1] * y + v[2]).Relu();
        var n2 = (v[3] * x + v[4] * y + v[5]).Relu();
        var n3 = (v[6] * x + v[7] * y + v[8]).Relu();
        var score = v[9] * n1 + v[10] * n2 + v[11] * n3 + v[12];
        var hinge = (1 - label * score).Relu();
        Value regularization = 0;
        foreach (var k in Net.Multiplicative)
        {
            regularization += v[k] * v[k];
        }

        var loss = hinge + 0.5 * regularization;
        loss.Backward();
        var worst = 0.0;
        for (var k = 0; k < p.Length; k++)
        {
            worst = Math.Max(worst, Math.Abs(pulls[k] - -v[k].Grad));
        }

        return worst;
    }

    private static string F(double value, int decimals = 4) => DemoReport.F(value, decimals);

    /// <summary>The guide's 13 loose parameters and its hand-written forward and backward pass.</summary>
    private sealed class Net
    {
        /// <summary>Indices of the parameters that regularization pulls on: not the biases c1, c2, c3, d4.</summary>
        public static readonly int[] Multiplicative = [0, 1, 3, 4, 6, 7, 9, 10, 11];

        private double _a1, _b1, _c1, _a2, _b2, _c2, _a3, _b3, _c3, _a4, _b4, _c4, _d4;

        public Net(Random random)
        {
            // The guide: "var a1 = Math.random() - 0.5; ... similarly initialize all other parameters to randoms".
            _a1 = random.NextDouble() - 0.5;
            _b1 = random.NextDouble() - 0.5;
            _c1 = random.NextDouble() - 0.5;
            _a2 = random.NextDouble() - 0.5;
            _b2 = random.NextDouble() - 0.5;
            _c2 = random.NextDouble() - 0.5;
            _a3 = random.NextDouble() - 0.5;
            _b3 = random.NextDouble() - 0.5;
            _c3 = random.NextDouble() - 0.5;
            _a4 = random.NextDouble() - 0.5;
            _b4 = random.NextDouble() - 0.5;
            _c4 = random.NextDouble() - 0.5;
            _d4 = random.NextDouble() - 0.5;
        }

        public double[] Parameters() => [_a1, _b1, _c1, _a2, _b2, _c2, _a3, _b3, _c3, _a4, _b4, _c4, _d4];

        public double Score(double x, double y)
        {
            var n1 = Math.Max(0, _a1 * x + _b1 * y + _c1);
            var n2 = Math.Max(0, _a2 * x + _b2 * y + _c2);
            var n3 = Math.Max(0, _a3 * x + _b3 * y + _c3);
            return _a4 * n1 + _b4 * n2 + _c4 * n3 + _d4;
        }

        /// <summary>The guide's forward pass, pull and backward pass; returns the pulls (da1, db1, ..., dd4).</summary>
        public double[] HandBackward(double x, double y, int label)
        {
            // forward pass
            var n1 = Math.Max(0, _a1 * x + _b1 * y + _c1); // activation of 1st hidden neuron
            var n2 = Math.Max(0, _a2 * x + _b2 * y + _c2); // 2nd neuron
            var n3 = Math.Max(0, _a3 * x + _b3 * y + _c3); // 3rd neuron
            var score = _a4 * n1 + _b4 * n2 + _c4 * n3 + _d4; // the score

            // the pull on top
            var pull = 0.0;
            if (label == 1 && score < 1)
            {
                pull = 1; // we want higher output: pull up
            }

            if (label == -1 && score > -1)
            {
                pull = -1; // we want lower output: pull down
            }

            // backprop through the last "score" neuron
            var dscore = pull;
            var da4 = n1 * dscore;
            var dn1 = _a4 * dscore;
            var db4 = n2 * dscore;
            var dn2 = _b4 * dscore;
            var dc4 = n3 * dscore;
            var dn3 = _c4 * dscore;
            var dd4 = 1.0 * dscore;

            // backprop the ReLU non-linearities: zero gradient where the neuron did not fire
            dn3 = n3 == 0 ? 0 : dn3;
            dn2 = n2 == 0 ? 0 : dn2;
            dn1 = n1 == 0 ? 0 : dn1;

            // backprop to the parameters of neurons 1, 2, 3
            var da1 = x * dn1;
            var db1 = y * dn1;
            var dc1 = 1.0 * dn1;
            var da2 = x * dn2;
            var db2 = y * dn2;
            var dc2 = 1.0 * dn2;
            var da3 = x * dn3;
            var db3 = y * dn3;
            var dc3 = 1.0 * dn3;

            // regularization pulls on the multiplicative parameters (not the biases), towards zero
            da1 += -_a1;
            da2 += -_a2;
            da3 += -_a3;
            db1 += -_b1;
            db2 += -_b2;
            db3 += -_b3;
            da4 += -_a4;
            db4 += -_b4;
            dc4 += -_c4;

            return [da1, db1, dc1, da2, db2, dc2, da3, db3, dc3, da4, db4, dc4, dd4];
        }

        public void Update(double[] d, double stepSize)
        {
            _a1 += stepSize * d[0];
            _b1 += stepSize * d[1];
            _c1 += stepSize * d[2];
            _a2 += stepSize * d[3];
            _b2 += stepSize * d[4];
            _c2 += stepSize * d[5];
            _a3 += stepSize * d[6];
            _b3 += stepSize * d[7];
            _c3 += stepSize * d[8];
            _a4 += stepSize * d[9];
            _b4 += stepSize * d[10];
            _c4 += stepSize * d[11];
            _d4 += stepSize * d[12];
        }
    }
}
