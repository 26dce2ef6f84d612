namespace Gradwire.Cli.Train;

/// <summary>What <c>gradwire train</c> was asked to do (null: the dataset's default).</summary>
internal sealed record TrainOptions(
    string Data,
    string? DataDir,
    string? Model,
    string? Loss,
    string? Optimizer,
    double? LearningRate,
    int? Epochs,
    int? Batch,
    int Seed,
    double L2,
    double Momentum,
    string? Schedule,
    int Warmup,
    int Patience,
    double ValidationFraction,
    string? Save,
    string? Resume,
    string? Plot,
    bool Json,
    int Threads,
    bool Balanced = false,
    int Search = 0,
    double ClipNorm = 0,
    string? Target = null);
