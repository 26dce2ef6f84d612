using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Text;

namespace Gradwire.Cli.Lm;

/// <summary>
/// <c>gradwire lm train --text PATH|tinyshakespeare [--model lstm:2x256] …</c>: a character language model on the
/// first 90% of the text, validated on the last 10% each epoch (nats and bits per character). Truncated
/// backpropagation through time: the text is cut into <c>batch</c> contiguous streams read <c>seq</c>
/// characters at a time (<see cref="SequenceBatcher"/>'s sequential layout), the state carried (detached) from one
/// window to the next.
/// </summary>
internal sealed class LmTrain : ICommandFactory
{
    public string Parent => "lm";

    public Command Create(CliConsole console)
    {
        var text = new Option<string>("--text") { Description = "A UTF-8 text file, or 'tinyshakespeare' (../shared/data/tinyshakespeare.txt).", Required = true };
        var model = new Option<string>("--model") { Description = "CELL:LAYERSxHIDDEN, CELL lstm, gru or rnn.", DefaultValueFactory = _ => "lstm:2x256" };
        var embed = new Option<int>("--embed") { Description = "Embedding size.", DefaultValueFactory = _ => 64 };
        var seq = new Option<int>("--seq") { Description = "Characters per window (BPTT length).", DefaultValueFactory = _ => 128 };
        var batch = new Option<int>("--batch") { Description = "Streams per batch.", DefaultValueFactory = _ => 32 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs.", DefaultValueFactory = _ => 1 };
        var steps = new Option<int>("--steps") { Description = "Stop after this many steps (0: no limit).", DefaultValueFactory = _ => 0 };
        var minutes = new Option<double>("--max-minutes") { Description = "Stop after this many minutes (0: no limit).", DefaultValueFactory = _ => 0 };
        var lr = new Option<double>("--lr") { Description = "Learning rate.", DefaultValueFactory = _ => 2e-3 };
        var optimizer = new Option<string>("--optimizer") { Description = "adam or rmsprop (recurrent.js's).", DefaultValueFactory = _ => "adam" };
        var clip = new Option<double>("--clip") { Description = "Clip the gradient norm to this (0: none).", DefaultValueFactory = _ => 5 };
        var dropout = new Option<double>("--dropout") { Description = "Dropout between recurrent layers.", DefaultValueFactory = _ => 0 };
        var save = new Option<string?>("--save") { Description = "Save the model and vocabulary (safetensors) here." };
        var seed = new Option<int>("--seed") { Description = "Seed of the weights.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("train", "Train a character language model; validation nats and bits per character each epoch.");
        foreach (var o in new Option[] { text, model, embed, seq, batch, epochs, steps, minutes, lr, optimizer, clip, dropout, save, seed, json })
        {
            command.Options.Add(o);
        }

        command.SetAction(p => Run(console, new Settings(
            p.GetValue(text)!, p.GetValue(model)!, p.GetValue(embed), p.GetValue(seq), p.GetValue(batch), p.GetValue(epochs), p.GetValue(steps),
            p.GetValue(minutes), p.GetValue(lr), p.GetValue(optimizer)!, p.GetValue(clip), p.GetValue(dropout), p.GetValue(save), p.GetValue(seed), p.GetValue(json))));
        return command;
    }

    private sealed record Settings(
        string Text, string Model, int Embed, int Seq, int Batch, int Epochs, int Steps, double MaxMinutes, double Lr, string Optimizer,
        double Clip, double Dropout, string? Save, int Seed, bool Json);

    /// <summary>Parses CELL:LAYERSxHIDDEN.</summary>
    internal static (string Cell, int Layers, int Hidden) ParseModel(string spec)
    {
        var parts = spec.Split(':');
        var size = parts.Length == 2 ? parts[1].Split('x') : [];
        if (parts.Length != 2 || parts[0] is not ("lstm" or "gru" or "rnn") || size.Length != 2
            || !int.TryParse(size[0], out var layers) || !int.TryParse(size[1], out var hidden) || layers < 1 || hidden < 1)
        {
            throw new UsageException($"lm train: --model must be CELL:LAYERSxHIDDEN with CELL lstm, gru or rnn (e.g. lstm:2x256), got \"{spec}\".");
        }

        return (parts[0], layers, hidden);
    }

    /// <summary>The text of --text: a path, or tinyshakespeare from ../shared/data.</summary>
    internal static string ReadText(string option)
    {
        var path = option == "tinyshakespeare" ? Path.Combine("..", "shared", "data", "tinyshakespeare.txt") : option;
        if (!File.Exists(path))
        {
            throw new UsageException($"lm train: --text {option}: file {Path.GetFullPath(path)} not found.");
        }

        return File.ReadAllText(path);
    }

    private static int Run(CliConsole console, Settings s)
    {
        var (cell, layers, hidden) = ParseModel(s.Model);
        if (s.Seq < 1 || s.Batch < 1 || s.Epochs < 1 || s.Steps < 0 || s.Embed < 1 || !(s.Lr > 0) || s.Clip < 0)
        {
            throw new UsageException("lm train: --seq, --batch, --epochs and --embed must be ≥ 1, --steps and --clip ≥ 0, --lr > 0.");
        }

        var text = ReadText(s.Text);
        var vocabulary = CharVocabulary.FromText(text);
        var ids = vocabulary.Encode(text);
        var split = (int)(ids.Length * 0.9);
        var train = ids.AsSpan(0, split).ToArray();
        var validation = ids.AsSpan(split).ToArray();
        if (train.Length < (s.Batch * (s.Seq + 1)) || validation.Length < s.Seq + 1)
        {
            throw new UsageException($"lm train: the text ({ids.Length} characters) is too short for --batch {s.Batch} × --seq {s.Seq}.");
        }

        var model = new TokenModel(cell, vocabulary.Count, s.Embed, hidden, layers, s.Dropout, new Generator((ulong)s.Seed));
        Optimizer optimizer = s.Optimizer switch
        {
            "adam" => new Adam(model.Parameters(), s.Lr),
            "rmsprop" => new RmsProp(model.Parameters(), s.Lr),
            _ => throw new UsageException($"lm train: --optimizer must be adam or rmsprop, got \"{s.Optimizer}\"."),
        };
        var loss = new CrossEntropyLoss();
        var clock = Stopwatch.StartNew();
        long step = 0, tokens = 0;
        double trainNats = double.NaN, valNats = double.NaN;
        var stop = false;
        var batcher = new SequenceBatcher(train, s.Batch, s.Seq);
        var windows = batcher.SequentialCount;
        for (var epoch = 0; epoch < s.Epochs && !stop; epoch++)
        {
            model.Train();
            (Tensor H, Tensor? C)? state = null;
            double sum = 0;
            var count = 0;
            for (var w = 0; w < windows; w++)
            {
                var window = batcher.SequentialWindow(w);
                optimizer.ZeroGrad();
                var (logits, next) = model.Forward(window.Inputs, state);
                var l = loss.Forward(logits.Reshape(-1, vocabulary.Count), window.Targets.Reshape(-1));
                l.Backward();
                if (s.Clip > 0)
                {
                    GradientClipping.ClipByNorm(model.Parameters(), s.Clip);
                }

                optimizer.Step();
                state = (next.H.Detach(), next.C?.Detach());
                var value = l.Item();
                sum += value;
                count++;
                step++;
                tokens += s.Batch * s.Seq;
                if (!s.Json && (step % 10 == 0 || w == windows - 1))
                {
                    console.Out.WriteLine(
                        $"epoch {epoch + 1} step {step}: loss {value:F4} nats ({value / Math.Log(2):F3} bits/char), {tokens / clock.Elapsed.TotalSeconds:F0} tokens/s");
                }

                if ((s.Steps > 0 && step >= s.Steps) || (s.MaxMinutes > 0 && clock.Elapsed.TotalMinutes >= s.MaxMinutes))
                {
                    stop = true;
                    break;
                }
            }

            trainNats = sum / Math.Max(1, count);
            valNats = Validate(model, loss, validation, s.Batch, s.Seq, vocabulary.Count);
            if (!s.Json)
            {
                console.Out.WriteLine(
                    $"epoch {epoch + 1}: train {trainNats:F4} nats/char, validation {valNats:F4} nats/char ({valNats / Math.Log(2):F3} bits/char), {clock.Elapsed.TotalSeconds:F0} s");
            }
        }

        if (s.Save is { } path)
        {
            LmFile.Save(path, model, vocabulary);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (s.Json)
        {
            JsonOutput.Write(console.Out, new JsonObject
            {
                ["val_nats_per_char"] = JsonOutput.Number(valNats),
                ["train_nats_per_char"] = JsonOutput.Number(trainNats),
                ["seconds"] = JsonOutput.Number(seconds),
                ["tokens_per_second"] = JsonOutput.Number(tokens / seconds),
                ["steps"] = step,
            });
        }

        return ExitCodes.Ok;
    }

    /// <summary>Mean cross-entropy (nats per character) over the validation text, state carried, no gradient.</summary>
    private static double Validate(TokenModel model, CrossEntropyLoss loss, long[] ids, int batch, int seq, int vocab)
    {
        model.Eval();
        using var noGrad = Tensor.NoGrad();
        var b = Math.Max(1, Math.Min(batch, (ids.Length - 1) / seq));
        var batcher = new SequenceBatcher(ids, b, seq);
        var windows = batcher.SequentialCount;
        (Tensor H, Tensor? C)? state = null;
        double sum = 0;
        for (var w = 0; w < windows; w++)
        {
            var window = batcher.SequentialWindow(w);
            var (logits, next) = model.Forward(window.Inputs, state);
            sum += loss.Forward(logits.Reshape(-1, vocab), window.Targets.Reshape(-1)).Item();
            state = next;
        }

        model.Train();
        return sum / Math.Max(1, windows);
    }
}
