using Gradwire.Guide;

namespace Gradwire.Cli.Demos;

/// <summary>Prints <see cref="SolveMatXy.Run"/>: the maths is in the samples library.</summary>
internal sealed class SolveMatXyDemo : IDemo
{
    public string Name => "solve-mat-xy";

    public string Summary => "nn6: solve A v = b (A = [[2,1],[1,1]], b = [3,2]) by gradient descent on |Av - b|^2";

    public int Order => 330;

    public void Run(DemoReport report)
    {
        var r = SolveMatXy.Run();
        var (autodiff, formula) = (r.StartGradient, r.StartFormula);
        report.Heading("A v = b with A = [[2, 1], [1, 1]], b = [3, 2]: minimize |A v - b|^2 from v = (0, 0)");
        report.Line($"gradient at the start: Value [{DemoReport.F(autodiff[0])}, {DemoReport.F(autodiff[1])}], " +
                    $"2 A^T (A v - b) = [{DemoReport.F(formula[0])}, {DemoReport.F(formula[1])}] -> {(r.Agree ? "agree" : "DISAGREE")}");
        report.Set("start_gradient.value", autodiff);
        report.Set("start_gradient.formula", formula);
        report.Set("start_gradient.agree", r.Agree);

        var run = r.Descent.Run;
        var v = r.Descent.Solution;
        report.Line($"gradient descent, learning rate {run.LearningRate}:");
        Descent.Print(run, report);
        report.Line($"solution: v = ({DemoReport.F(v[0])}, {DemoReport.F(v[1])}) (exact: (1, 1)); residual {run.Final:E2}");
        report.Set("v", v);
        report.Set("residual", run.Final);
    }
}
