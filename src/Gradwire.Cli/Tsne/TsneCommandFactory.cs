using System.CommandLine;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli.Tsne;

/// <summary>
/// <c>gradwire tsne [--data NAME] [--n N] [--features raw|model:FILE] [--perplexity P] [--theta θ] [--iterations I] [--pca K]
/// [--seed S] [--threads T] [--plot F.png] [--out coords.csv] [--json] [--trustworthiness]</c>: embeds a dataset's
/// points in 2-D with t-SNE and draws them coloured by class.
/// </summary>
internal sealed class TsneCommandFactory : ICommandFactory
{
    public string Parent => "";

    public Command Create(CliConsole console)
    {
        var data = new Option<string>("--data")
        {
            Description = "Any dataset train knows: fashion-mnist, mnist, spiral, moons, ..., or csv:PATH (the test set first, then the training set).",
            DefaultValueFactory = _ => "fashion-mnist",
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory of the IDX files (fashion-mnist, mnist)." };
        var count = new Option<int?>("--n") { Description = "How many points (the first N; default: 10000 or all there are)." };
        var features = new Option<string>("--features") { Description = "raw: the dataset's features as they are; model:FILE: a trained checkpoint's penultimate layer (the input of its last Linear).", DefaultValueFactory = _ => "raw" };
        var perplexity = new Option<double>("--perplexity") { Description = "Effective number of neighbours per point.", DefaultValueFactory = _ => 30 };
        var theta = new Option<double>("--theta") { Description = "Barnes-Hut angle (0: exact repulsion).", DefaultValueFactory = _ => 0.5 };
        var iterations = new Option<int>("--iterations") { Description = "Gradient-descent iterations (250 of them with early exaggeration).", DefaultValueFactory = _ => 1000 };
        var learningRate = new Option<double?>("--learning-rate") { Description = "Step size (default: auto, max(N / 48, 50))." };
        var pca = new Option<int>("--pca") { Description = "Reduce to this many principal components first (0: off).", DefaultValueFactory = _ => 50 };
        var method = new Option<string>("--method") { Description = "barnes-hut or exact (O(N²): small N only).", DefaultValueFactory = _ => "barnes-hut" };
        var init = new Option<string>("--init") { Description = "pca or random starting layout.", DefaultValueFactory = _ => "pca" };
        var seed = new Option<int>("--seed") { Description = "Seed of the random start and the randomized PCA.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Threads (the layout does not depend on it; default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var plot = new Option<string?>("--plot") { Description = "PNG: the points coloured by class, with a legend." };
        var output = new Option<string?>("--out") { Description = "CSV of the layout: one row x,y,label per point." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object {\"kl\", \"seconds\", \"n\", ...} on stdout." };
        var trust = new Option<bool>("--trustworthiness") { Description = "Also compute trustworthiness (k = 10) against the features (O(N²·D))." };
        var command = new Command("tsne", "Embed a dataset's points in 2-D with t-SNE (exact or Barnes-Hut) and plot them by class.");
        Option[] all = [data, dataDir, count, features, perplexity, theta, iterations, learningRate, pca, method, init, seed, threads, plot, output, json, trust];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => TsneRun.Run(console, new TsneCommandOptions(
            parse.GetValue(data)!, parse.GetValue(dataDir), parse.GetValue(count), parse.GetValue(features)!, parse.GetValue(perplexity),
            parse.GetValue(theta), parse.GetValue(iterations), parse.GetValue(learningRate), parse.GetValue(pca), parse.GetValue(method)!,
            parse.GetValue(init)!, parse.GetValue(seed), parse.GetValue(threads), parse.GetValue(plot), parse.GetValue(output),
            parse.GetValue(json), parse.GetValue(trust))));
        return command;
    }
}
