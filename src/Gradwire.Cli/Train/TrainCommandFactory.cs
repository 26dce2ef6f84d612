using System.CommandLine;
using Gradwire.Cli.Infrastructure;
using Gradwire.NN;

namespace Gradwire.Cli.Train;

/// <summary>
/// <c>gradwire train [--data NAME] [--model SPEC] [--loss L] [--optimizer O] [--lr X] [--epochs N] [--batch B]
/// [--seed S] [--save FILE] [--resume FILE] [--plot FILE.png] [--json] ...</c>: trains a network on a built-in or
/// CSV dataset with a progress bar on stderr, then prints test accuracy, the confusion matrix and per-class
/// accuracy (or, with --json, one object of final metrics).
/// </summary>
internal sealed class TrainCommandFactory : ICommandFactory
{
    public string Parent => "";

    public Command Create(CliConsole console)
    {
        var data = new Option<string>("--data")
        {
            Description = "spiral, moons, circles, xor, xor-cloud, and, 7seg, 7seg-binary, guide-svm, guide-table, fashion-mnist, mnist, or csv:PATH.",
            DefaultValueFactory = _ => "spiral",
        };
        var dataDir = new Option<string?>("--data-dir") { Description = "Directory of the IDX files (fashion-mnist, mnist)." };
        var model = new Option<string?>("--model") { Description = "linear, or mlp:H1,H2,...[:relu|tanh|sigmoid|gelu|leaky-relu] (default: per dataset)." };
        var loss = new Option<string?>("--loss") { Description = string.Join(", ", Loss.Names) + "." };
        var optimizer = new Option<string?>("--optimizer") { Description = "sgd, momentum, nesterov, adam, adamw, adagrad, adadelta, rmsprop, lbfgs." };
        var lr = new Option<double?>("--lr") { Description = "Learning rate." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs (in total, counting those of a resumed run)." };
        var batch = new Option<int?>("--batch") { Description = "Mini-batch size." };
        var seed = new Option<int>("--seed") { Description = "Seed of the data, the weights and the shuffling.", DefaultValueFactory = _ => 1 };
        var l2 = new Option<double>("--l2") { Description = "L2 regularization λ (biases skipped)." };
        var momentum = new Option<double>("--momentum") { Description = "Momentum for sgd (momentum and nesterov default to 0.9)." };
        var schedule = new Option<string?>("--schedule") { Description = "Learning-rate schedule: none, cosine, step, exponential." };
        var warmup = new Option<int>("--warmup") { Description = "Steps of linear learning-rate warm-up." };
        var patience = new Option<int>("--patience") { Description = "Early stopping: epochs without a better validation loss (0: off)." };
        var validation = new Option<double>("--validation") { Description = "Fraction of the training set held out for validation (0: none)." };
        var save = new Option<string?>("--save") { Description = "Checkpoint file (safetensors) written after every epoch." };
        var resume = new Option<string?>("--resume") { Description = "Checkpoint to continue from (same data, model and options)." };
        var plot = new Option<string?>("--plot") { Description = "PNG with loss/accuracy curves and, for 2-D data, the decision regions." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of final metrics on stdout." };
        var balanced = new Option<bool>("--balanced") { Description = "Weight cross-entropy by inverse class frequency (unbalanced data)." };
        var search = new Option<int>("--search")
        {
            Description = "Random search: try this many (lr, L2, width) settings by 3-fold cross-validation on the training set, then train the best (an mlp with one hidden layer).",
        };
        var clipNorm = new Option<double>("--clip-norm") { Description = "Scale gradients to at most this global L2 norm before each step (0: off)." };
        var target = new Option<string?>("--target") { Description = "A CSV's target column: its header name, or a 0-based index (-1: the last, the default)." };
        var task = new Option<string?>("--task") { Description = "classification or regression (default: inferred from a CSV's target column)." };
        var noHeader = new Option<bool>("--no-header") { Description = "The CSV has no header row (columns are column1, column2, ...)." };
        var separator = new Option<string?>("--separator") { Description = "CSV field separator: one character, or comma, semicolon, tab, space (runs of blanks)." };
        var skipRows = new Option<int>("--skip-rows") { Description = "Lines to skip at the top of the CSV, before the header." };
        var standardize = new Option<bool>("--standardize") { Description = "Standardize features with the training set's mean and scale (default for CSV data; saved in the checkpoint)." };
        var noStandardize = new Option<bool>("--no-standardize") { Description = "Feed CSV features as they are." };
        var test = new Option<string?>("--test") { Description = "csv:PATH: a test set in a file of its own (same columns) instead of holding out 20%." };
        var threads = new Option<int>("--threads") { Description = "Threads for the kernels (default: all cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("train", "Train a network on built-in or CSV data, with progress, test accuracy and a confusion matrix.");
        Option[] all = [data, dataDir, model, loss, optimizer, lr, epochs, batch, seed, l2, momentum, schedule, warmup, patience, validation, save, resume, plot, json, threads, balanced, search, clipNorm, target, task, noHeader, separator, skipRows, standardize, noStandardize, test];
        foreach (var option in all)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => TrainRun.Run(console, new TrainOptions(
            parse.GetValue(data)!, parse.GetValue(dataDir), parse.GetValue(model), parse.GetValue(loss), parse.GetValue(optimizer),
            parse.GetValue(lr), parse.GetValue(epochs), parse.GetValue(batch), parse.GetValue(seed), parse.GetValue(l2),
            parse.GetValue(momentum), parse.GetValue(schedule), parse.GetValue(warmup), parse.GetValue(patience),
            parse.GetValue(validation), parse.GetValue(save), parse.GetValue(resume), parse.GetValue(plot), parse.GetValue(json),
            parse.GetValue(threads), parse.GetValue(balanced), parse.GetValue(search), parse.GetValue(clipNorm), parse.GetValue(target),
            parse.GetValue(task), parse.GetValue(noHeader), parse.GetValue(separator), parse.GetValue(skipRows),
            parse.GetValue(standardize) && parse.GetValue(noStandardize)
                ? throw new UsageException("train: give --standardize or --no-standardize, not both.")
                : parse.GetValue(standardize) ? true : parse.GetValue(noStandardize) ? false : null, parse.GetValue(test))));
        return command;
    }
}
