namespace Gradwire.Cli.Tsne;

/// <summary>The parsed options of <c>gradwire tsne</c>.</summary>
internal sealed record TsneCommandOptions(
    string Data,
    string? DataDir,
    int? Count,
    string Features,
    double Perplexity,
    double Theta,
    int Iterations,
    double? LearningRate,
    int Pca,
    string Method,
    string Init,
    int Seed,
    int Threads,
    string? Plot,
    string? Out,
    bool Json,
    bool Trustworthiness);
