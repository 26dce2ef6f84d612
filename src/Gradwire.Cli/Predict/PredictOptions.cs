namespace Gradwire.Cli.Predict;

/// <summary>What <c>gradwire predict</c> was asked to do.</summary>
internal sealed record PredictOptions(
    string Model, string? Data, string[] Inputs, int? Top, bool Json, bool NoHeader, string? Separator, int SkipRows);
