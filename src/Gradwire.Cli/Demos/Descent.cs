using System.Text.Json.Nodes;
using Gradwire.Scalars;

namespace Gradwire.Cli.Demos;

/// <summary>The plain gradient-descent loop the nn6 demos share: zero the grads, backward, step against the gradient.</summary>
internal static class Descent
{
    /// <summary>
    /// Runs <paramref name="steps"/> steps of <c>p ← p − lr·∂f/∂p</c> on <paramref name="parameters"/>, printing
    /// and recording (<c>log</c>) f and the parameters every <paramref name="logEvery"/> steps; returns the final f.
    /// </summary>
    public static double Minimize(
        Value[] parameters, Func<Value> f, double learningRate, int steps, int logEvery, DemoReport report)
    {
        Value loss = f();
        for (var step = 0; step <= steps; step++)
        {
            loss = f();
            if (step % logEvery == 0 || step == steps)
            {
                var values = string.Join(", ", parameters.Select(p => $"{p.Label} = {DemoReport.F(p.Data)}"));
                report.Line($"step {step,4}: f = {DemoReport.F(loss.Data, 6)}, {values}");
                var row = new JsonObject { ["step"] = step, ["f"] = JsonValue.Create(loss.Data) };
                foreach (var p in parameters)
                {
                    row[p.Label ?? "p"] = JsonValue.Create(p.Data);
                }

                report.Append("log", row);
            }

            if (step == steps)
            {
                break;
            }

            foreach (var p in parameters)
            {
                p.Grad = 0;
            }

            loss.Backward();
            foreach (var p in parameters)
            {
                p.Data -= learningRate * p.Grad;
            }
        }

        return loss.Data;
    }
}
