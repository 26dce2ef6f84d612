using System.CommandLine;
using Gradwire.Cli.Infrastructure;

namespace Gradwire.Cli.Predict;

/// <summary>
/// <c>gradwire predict --model FILE (--data csv:PATH | --input 1.5,2,3 ...) [--top K] [--json]</c>: uses a model saved by
/// <c>gradwire train --save</c>, with the preprocessing it recorded; one line per sample.
/// </summary>
internal sealed class PredictCommandFactory : ICommandFactory
{
    public string Parent => "";

    public Command Create(CliConsole console)
    {
        var model = new Option<string>("--model") { Description = "A checkpoint written by 'gradwire train --save FILE'.", Required = true };
        var data = new Option<string?>("--data") { Description = "csv:PATH: one sample per row (the training columns by name, or exactly the features)." };
        var input = new Option<string[]>("--input")
        {
            Description = "One sample as comma-separated numbers, e.g. 5.1,3.5,1.4,0.2 (repeat for more samples).",
            AllowMultipleArgumentsPerToken = false,
        };
        var top = new Option<int?>("--top") { Description = "Classes shown per sample, most probable first (default 3 in text, all in JSON)." };
        var json = new Option<bool>("--json") { Description = "JSON Lines: {\"prediction\": ..., \"probabilities\": {...}} per sample." };
        var noHeader = new Option<bool>("--no-header") { Description = "The CSV has no header row." };
        var separator = new Option<string?>("--separator") { Description = "CSV field separator (as for train)." };
        var skipRows = new Option<int>("--skip-rows") { Description = "Lines to skip at the top of the CSV." };
        var command = new Command("predict", "Predict with a trained model: class names with probabilities, or regression values.");
        foreach (var option in new Option[] { model, data, input, top, json, noHeader, separator, skipRows })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => PredictRun.Run(console, new PredictOptions(
            parse.GetValue(model)!, parse.GetValue(data), parse.GetValue(input) ?? [], parse.GetValue(top), parse.GetValue(json),
            parse.GetValue(noHeader), parse.GetValue(separator), parse.GetValue(skipRows))));
        return command;
    }
}
