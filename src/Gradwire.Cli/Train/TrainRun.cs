using System.Globalization;
using System.Text.Json.Nodes;
using Gradwire.Cli.Infrastructure;
using Gradwire.Data;
using Gradwire.Kernels;
using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Training;
using Spectre.Console;

namespace Gradwire.Cli.Train;

/// <summary>The body of <c>gradwire train</c>: checks the options, trains, reports.</summary>
internal static class TrainRun
{
    public static int Run(CliConsole console, TrainOptions o)
    {
        Check(o);
        var data = TrainData.Load(o, message =>
        {
            if (!o.Json)
            {
                console.Error.WriteLine(message);
            }
        });
        var split = data.Split;
        CheckData(o, split);
        if (!TrainRecipe.TakesImages(o.Model ?? TrainRecipe.DefaultFor(o.Data, split.Train).ModelSpec))
        {
            // Images load as [C, H, W]; linear and MLP models read flat samples (a view: no copy).
            split = new DatasetSplit(split.Train.Flattened(), split.Test.Flattened());
        }

        var train = split.Train;
        Dataset? validation = null;
        if (o.ValidationFraction > 0)
        {
            try
            {
                (train, validation) = DataSplits.TrainValidation(train, o.ValidationFraction, o.Seed + 2,
                    stratified: train.TargetKind == TargetKind.ClassLabels);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"train: --validation {o.ValidationFraction.ToString(CultureInfo.InvariantCulture)}: {e.Message}");
            }
        }

        // Tabular data is standardized by default; μ and σ come from the training part only and go into the checkpoint.
        Standardizer? standardizer = null;
        if (o.Standardize ?? data.IsCsv)
        {
            standardizer = Standardizer.Fit(train);
            train = standardizer.Apply(train);
            validation = validation is null ? null : standardizer.Apply(validation);
            split = new DatasetSplit(train, standardizer.Apply(split.Test));
        }

        var defaults = TrainRecipe.DefaultFor(o.Data, train);
        var lossName = o.Loss ?? defaults.LossName;
        Loss loss;
        try
        {
            loss = Loss.Parse(lossName);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"train: --loss: {e.Message}");
        }

        var classification = train.TargetKind == TargetKind.ClassLabels;
        if (o.Balanced)
        {
            if (loss is not CrossEntropyLoss || !classification)
            {
                throw new UsageException("train: --balanced weights the cross-entropy loss of a classification set; it does not apply here.");
            }

            loss = new CrossEntropyLoss(Tensor.FromArray(ClassWeights.Balanced(train)));
        }

        if (!classification && loss is not (MseLoss or HuberLoss or L1Loss or SmoothL1Loss))
        {
            throw new UsageException($"train: {CliText.Quote(o.Data, 200)} has regression targets; use --loss mse, huber, l1 or smooth-l1, not {loss.Name}.");
        }

        var singleOutput = loss is HingeLoss or BceWithLogitsLoss;
        if (singleOutput && train.ClassCount != 2)
        {
            throw new UsageException($"train: --loss {loss.Name} is for two classes, but {CliText.Quote(o.Data, 200)} has {train.ClassCount}; use cross-entropy or multiclass-svm.");
        }

        var outputs = classification ? (singleOutput ? 1 : Math.Max(train.ClassCount, 2)) : train.TargetSize;
        var modelSpec = o.Model ?? defaults.ModelSpec;
        var optimizerName = o.Optimizer ?? defaults.OptimizerName;
        var lr = o.LearningRate ?? (o.Optimizer is null ? defaults.LearningRate : TrainRecipe.DefaultRate(optimizerName));
        var epochs = o.Epochs ?? defaults.Epochs;
        // L-BFGS builds its curvature model from consistent gradients: full batch unless told otherwise.
        var batch = o.Batch ?? (optimizerName.Equals("lbfgs", StringComparison.OrdinalIgnoreCase) ? train.Count : defaults.Batch);
        TrainRecipe.CheckModelSize(modelSpec, train.SampleSize, outputs, Math.Min(batch, train.Count));
        var model = TrainRecipe.BuildModel(modelSpec, train.SampleSize, outputs, new Generator((ulong)o.Seed), train.SampleShape);
        var l2 = o.L2;
        IReadOnlyList<Trial>? trials = null;
        if (o.Search > 0)
        {
            trials = Search(console, o, train, loss, outputs, optimizerName, lr, epochs, batch);
            (lr, l2, modelSpec) = (trials[0].LearningRate, trials[0].L2, $"mlp:{trials[0].Width}");
            model = TrainRecipe.BuildModel(modelSpec, train.SampleSize, outputs, new Generator((ulong)o.Seed));
        }

        var optimizer = TrainRecipe.BuildOptimizer(optimizerName, model.Parameters(), lr, o.Momentum, 0);
        var loader = new DataLoader(train, Math.Min(batch, train.Count), shuffle: true, seed: o.Seed);
        var scheduleName = o.Schedule ?? defaults.Schedule;
        var trainer = new Trainer(model, loss, optimizer, loader)
        {
            Schedule = TrainRecipe.BuildSchedule(scheduleName, lr, (long)epochs * loader.BatchesPerEpoch, o.Warmup),
            L2 = l2,
            ClipNorm = o.ClipNorm,
            Validation = validation,
            Patience = o.Patience,
            // The tool reports a divergence itself (message, JSON fields, exit code 1) instead of an exception.
            OnDivergence = DivergencePolicy.Stop,
        };
        RecordOptions(trainer, o, modelSpec, lossName, optimizerName, lr, batch, scheduleName, (long)epochs * loader.BatchesPerEpoch, standardizer is not null);
        trainer.ModelInfo = new ModelInfo
        {
            ModelSpec = modelSpec,
            InputShape = train.SampleShape.ToArray(),
            Outputs = outputs,
            Loss = loss.Name,
            Task = train.TargetKind,
            Dataset = data.IsCsv ? train.Name.Replace("/train", "", StringComparison.Ordinal) : o.Data.ToLowerInvariant(),
            ClassNames = classification ? train.ClassNames ?? Enumerable.Range(0, Math.Max(train.ClassCount, 2)).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList() : null,
            FeatureNames = data.FeatureNames,
            TargetName = data.TargetName,
            Standardizer = standardizer,
        };
        if (o.Resume is not null)
        {
            trainer.LoadCheckpoint(o.Resume);
        }

        var compute = Compute.WithThreads(o.Threads);
        // The checkpoint restores the history but not the test accuracies: NaN (JSON null) keeps one entry per epoch.
        var testAccuracies = Enumerable.Repeat(double.NaN, trainer.History.Count).ToList();
        var savedEpoch = 0;
        try
        {
            trainer.EpochCompleted += _ =>
            {
                testAccuracies.Add(trainer.Evaluate(split.Test).Accuracy);
                if (o.Save is not null)
                {
                    trainer.SaveCheckpoint(o.Save);
                    savedEpoch = trainer.Epoch;
                }
            };
            if (!o.Json)
            {
                console.Error.WriteLine(
                    $"train: {train.Name} ({train.Count} samples, {train.SampleSize} features), model {modelSpec} ({model.ParameterCount()} parameters), " +
                    $"loss {loss.Name}, optimizer {optimizer.Name} lr {lr.ToString(CultureInfo.InvariantCulture)}, schedule {scheduleName}, {epochs} epochs of batch {loader.BatchSize}, seed {o.Seed}");
            }

            TrainProgress.Fit(console, trainer, epochs, testAccuracies, quiet: o.Json);
        }
        finally
        {
            compute.Dispose();
        }

        var classNames = train.ClassNames ?? Enumerable.Range(0, outputs).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        if (trainer.Divergence is { } divergence)
        {
            console.Error.WriteLine($"gradwire: train: {divergence.Message}" +
                                    (o.Save is null || savedEpoch == 0 ? "" : $" {CliText.Quote(o.Save, 200)} keeps the checkpoint of epoch {savedEpoch}, before the divergence."));
            if (o.Json)
            {
                WriteJson(console, o, trainer, trainer.Evaluate(split.Test), trainer.Evaluate(train), testAccuracies, modelSpec, classNames, trials);
            }

            return ExitCodes.Failure;
        }

        var test = trainer.Evaluate(split.Test);
        var trainEvaluation = trainer.Evaluate(train);
        if (o.Plot is not null)
        {
            TrainPlot.Write(o.Plot, trainer, split, loss, testAccuracies);
            var pictures = ConvPictures.Write(o.Plot, trainer.Model, split.Test);
            if (!o.Json)
            {
                console.Error.WriteLine($"train: wrote {o.Plot}{(pictures.Count > 0 ? ", " + string.Join(", ", pictures) : "")}");
            }
        }

        if (o.Json)
        {
            WriteJson(console, o, trainer, test, trainEvaluation, testAccuracies, modelSpec, classNames, trials);
        }
        else
        {
            WriteText(console, trainer, test, trainEvaluation, classNames);
        }

        return ExitCodes.Ok;
    }

    private static void Check(TrainOptions o)
    {
        if (o.LearningRate is { } lr && !(lr > 0 && double.IsFinite(lr)))
        {
            throw new UsageException($"train: --lr must be a positive number, got {lr.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (o.Epochs is < 1)
        {
            throw new UsageException($"train: --epochs must be at least 1, got {o.Epochs}.");
        }

        if (o.Batch is < 1)
        {
            throw new UsageException($"train: --batch must be at least 1, got {o.Batch}.");
        }

        if (o.Threads < 1)
        {
            throw new UsageException($"train: --threads must be at least 1, got {o.Threads}.");
        }

        if (!(o.L2 >= 0 && double.IsFinite(o.L2)))
        {
            throw new UsageException($"train: --l2 must be a finite number ≥ 0, got {o.L2.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!(o.Momentum >= 0 && o.Momentum < 1))
        {
            throw new UsageException($"train: --momentum must be in [0, 1), got {o.Momentum.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!(o.ClipNorm >= 0 && double.IsFinite(o.ClipNorm)))
        {
            throw new UsageException($"train: --clip-norm must be a finite number ≥ 0 (0: off), got {o.ClipNorm.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (o.Warmup < 0 || o.Patience < 0 || o.Search < 0)
        {
            throw new UsageException("train: --warmup, --patience and --search must be ≥ 0.");
        }

        if (!(o.ValidationFraction >= 0 && o.ValidationFraction < 1))
        {
            throw new UsageException($"train: --validation must be a fraction in [0, 1), got {o.ValidationFraction.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (o.Plot is not null && !o.Plot.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"train: --plot writes a PNG; give a file name ending in .png, not {CliText.Quote(o.Plot, 200)}.");
        }

        if (o.Resume is not null && !File.Exists(o.Resume))
        {
            throw new UsageException(Directory.Exists(o.Resume)
                ? $"train: --resume: {CliText.Quote(o.Resume, 200)} is a directory, not a checkpoint file."
                : $"train: --resume: checkpoint {CliText.Quote(o.Resume, 200)} does not exist.");
        }

        // Output files are checked now, not when they are first written (after an epoch, or after all of them).
        if (o.Save is not null)
        {
            OutputPath.Check("train", "--save", o.Save);
        }

        if (o.Plot is not null)
        {
            OutputPath.Check("train", "--plot", o.Plot);
        }
    }

    /// <summary>Most distinct values a class column may have before a mostly-unique one is taken for a regression target.</summary>
    private const int LikelyRegressionClasses = 100;

    /// <summary>The most classes whose confusion matrix is printed as a table.</summary>
    private const int MaxTableClasses = 100;

    private static void CheckData(TrainOptions o, DatasetSplit split)
    {
        var train = split.Train;
        var data = CliText.Quote(o.Data, 200);
        if (train.Count == 0)
        {
            throw new UsageException($"train: {data} has no training samples.");
        }

        if (split.Test.Count == 0)
        {
            throw new UsageException(
                $"train: the test set of {data} is empty ({train.Count} training samples): accuracy on no samples means nothing; give data with a test set.");
        }

        if (train.TargetKind != TargetKind.ClassLabels)
        {
            return;
        }

        if (train.ClassCount < 2)
        {
            var only = train.ClassNames is { Count: > 0 } names ? $" ({CliText.Quote(names[0], 40)})" : "";
            throw new UsageException(
                $"train: {data} has a single class{only}: a classifier needs at least two. Check the target column (--target), or read it with --task regression.");
        }

        // A column where most rows have their own value is a measurement, not a label.
        var samples = train.Count + split.Test.Count;
        if (train.ClassCount > LikelyRegressionClasses && train.ClassCount * 2L > samples)
        {
            throw new UsageException(
                $"train: the target column of {data} has {train.ClassCount} distinct values in {samples} rows, most of them unique: " +
                "it looks like a regression target, not class labels. Use --task regression (with --loss mse or huber).");
        }
    }

    /// <summary>
    /// The options that define the run, effective values (defaults included), stored in the checkpoint so that
    /// --resume refuses a command that would not continue the same run, naming the option that differs.
    /// </summary>
    private static void RecordOptions(
        Trainer trainer, TrainOptions o, string modelSpec, string lossName, string optimizerName, double lr, int batch, string scheduleName, long totalSteps,
        bool standardized)
    {
        var c = CultureInfo.InvariantCulture;
        var schedule = scheduleName.ToLowerInvariant() is "none" or "constant" ? scheduleName : $"{scheduleName} over {totalSteps.ToString(c)} steps";
        var options = trainer.RunOptions;
        options["--data"] = o.Data;
        options["--target"] = o.Target ?? "-1";
        options["--task"] = trainer.Loader.Dataset.TargetKind == TargetKind.ClassLabels ? "classification" : "regression";
        options["--standardize"] = standardized ? "true" : "false";
        options["--test"] = o.Test ?? "(held out)";
        options["--model"] = modelSpec;
        options["--loss"] = lossName;
        options["--optimizer"] = optimizerName;
        options["--lr"] = lr.ToString("R", c);
        options["--momentum"] = o.Momentum.ToString("R", c);
        options["--l2"] = o.L2.ToString("R", c);
        options["--clip-norm"] = o.ClipNorm.ToString("R", c);
        options["--batch"] = batch.ToString(c);
        options["--seed"] = o.Seed.ToString(c);
        options["--schedule"] = schedule;
        options["--warmup"] = o.Warmup.ToString(c);
        options["--validation"] = o.ValidationFraction.ToString("R", c);
        options["--patience"] = o.Patience.ToString(c);
        options["--balanced"] = o.Balanced ? "true" : "false";
    }

    private static void WriteText(CliConsole console, Trainer trainer, Evaluation test, Evaluation train, IReadOnlyList<string> classNames)
    {
        var last = trainer.History.Count > 0 ? trainer.History[^1] : null;
        if (double.IsNaN(test.Accuracy))
        {
            console.Out.WriteLine($"test loss {test.Loss:G6} ({test.Count} samples), train loss {train.Loss:G6}");
            return;
        }

        console.Out.WriteLine($"test accuracy {test.Accuracy:P2} ({test.Count} samples), train accuracy {train.Accuracy:P2}, test loss {test.Loss:F4}" +
                              (last is null ? "" : $", final training loss {last.TrainLoss:F4}") + (trainer.EarlyStopped ? " (stopped early)" : ""));
        if (test.Confusion is not { } confusion || confusion.GetLength(0) > MaxTableClasses)
        {
            console.Out.WriteLine(
                $"confusion matrix not shown: {test.ClassCount} classes (the table shows at most {MaxTableClasses}; --json has the matrix up to {Evaluation.MaxConfusionClasses} classes).");
            return;
        }

        var k = confusion.GetLength(0);
        var table = new Table().Title("confusion matrix (test set)");
        table.AddColumn("true \\ predicted");
        for (var j = 0; j < k; j++)
        {
            table.AddColumn(new TableColumn(Markup.Escape(Name(classNames, j))).RightAligned());
        }

        table.AddColumn(new TableColumn("accuracy").RightAligned());
        var perClass = test.PerClassAccuracy();
        for (var i = 0; i < k; i++)
        {
            var row = new List<string> { Markup.Escape(Name(classNames, i)) };
            for (var j = 0; j < k; j++)
            {
                row.Add(confusion[i, j].ToString(CultureInfo.InvariantCulture));
            }

            row.Add(double.IsNaN(perClass[i]) ? "-" : perClass[i].ToString("P1", CultureInfo.InvariantCulture));
            table.AddRow(row.ToArray());
        }

        console.Ansi.Write(table);
    }

    // Class names come from data files: never print their control characters (terminal escape sequences) raw.
    private static string Name(IReadOnlyList<string> names, int i) => i < names.Count ? CliText.Escape(names[i]) : i.ToString(CultureInfo.InvariantCulture);

    private static void WriteJson(
        CliConsole console, TrainOptions o, Trainer trainer, Evaluation test, Evaluation train, List<double> testAccuracies, string modelSpec,
        IReadOnlyList<string> classNames, IReadOnlyList<Trial>? trials)
    {
        JsonArray Numbers(IEnumerable<double> values)
        {
            var array = new JsonArray();
            foreach (var v in values)
            {
                array.Add(JsonOutput.Number(v));
            }

            return array;
        }

        var history = trainer.History;
        var result = new JsonObject
        {
            ["test_accuracy"] = JsonOutput.Number(test.Accuracy),
            ["train_accuracy"] = JsonOutput.Number(train.Accuracy),
            ["test_loss"] = JsonOutput.Number(test.Loss),
            ["final_loss"] = JsonOutput.Number(history.Count > 0 ? history[^1].TrainLoss : double.NaN),
            ["epoch_seconds"] = Numbers(history.Select(h => h.Seconds)),
            ["train_loss_per_epoch"] = Numbers(history.Select(h => h.TrainLoss)),
            ["train_accuracy_per_epoch"] = Numbers(history.Select(h => h.TrainAccuracy)),
            ["validation_loss_per_epoch"] = Numbers(history.Select(h => h.ValidationLoss)),
            ["test_accuracy_per_epoch"] = Numbers(testAccuracies),
            ["samples_per_second"] = JsonOutput.Number(history.Count > 0 ? history.Average(h => h.SamplesPerSecond) : double.NaN),
            ["epochs"] = trainer.Epoch,
            ["steps"] = trainer.Step,
            ["early_stopped"] = trainer.EarlyStopped,
            ["data"] = o.Data,
            ["model"] = modelSpec,
            ["parameters"] = trainer.Model.ParameterCount(),
            ["loss"] = trainer.Loss.Name,
            ["optimizer"] = trainer.Optimizer.Name,
            ["seed"] = o.Seed,
            ["diverged"] = trainer.Divergence is not null,
        };
        if (trainer.Divergence is { } d)
        {
            // JSON has no NaN: the loss is a string here, so "diverged" is never confused with "not measured".
            result["divergence"] = new JsonObject
            {
                ["epoch"] = d.Epoch + 1,
                ["batch"] = d.Batch + 1,
                ["step"] = d.Step,
                ["learning_rate"] = JsonOutput.Number(d.LearningRate),
                ["loss"] = d.Loss.ToString(CultureInfo.InvariantCulture),
                ["message"] = d.Message,
            };
        }

        if (test.ClassCount > 0)
        {
            result["per_class_accuracy"] = Numbers(test.PerClassAccuracy());
            var names = new JsonArray();
            for (var i = 0; i < test.ClassCount; i++)
            {
                // JSON escapes control characters itself; the names stay as the data has them.
                names.Add(i < classNames.Count ? classNames[i] : i.ToString(CultureInfo.InvariantCulture));
            }

            result["classes"] = names;
        }

        if (test.Confusion is { } confusion)
        {
            var matrix = new JsonArray();
            for (var i = 0; i < confusion.GetLength(0); i++)
            {
                var row = new JsonArray();
                for (var j = 0; j < confusion.GetLength(1); j++)
                {
                    row.Add(confusion[i, j]);
                }

                matrix.Add(row);
            }

            result["confusion_matrix"] = matrix;
        }

        if (trials is not null)
        {
            var list = new JsonArray();
            foreach (var t in trials)
            {
                list.Add(new JsonObject
                {
                    ["learning_rate"] = JsonOutput.Number(t.LearningRate),
                    ["l2"] = JsonOutput.Number(t.L2),
                    ["width"] = t.Width,
                    ["mean_accuracy"] = JsonOutput.Number(t.MeanAccuracy),
                    ["mean_loss"] = JsonOutput.Number(t.MeanLoss),
                    ["fold_accuracies"] = Numbers(t.FoldAccuracies),
                });
            }

            result["search"] = list;
        }

        JsonOutput.Write(console.Out, result);
    }

    /// <summary>
    /// <c>--search N</c>: N random (lr, L2, width) settings, each scored by 3-fold cross-validation on the training
    /// set with the run's loss, optimizer, epochs and batch; lr is drawn log-uniformly within ×/÷10 of the
    /// run's, L2 in [1e-6, 1e-2], the width from 16, 32, 64, 128. Returns the trials best first.
    /// </summary>
    private static IReadOnlyList<Trial> Search(
        CliConsole console, TrainOptions o, Dataset train, Loss loss, int outputs, string optimizerName, double lr, int epochs, int batch)
    {
        if (train.TargetKind != TargetKind.ClassLabels)
        {
            throw new UsageException("train: --search scores settings by accuracy; it needs a classification dataset.");
        }

        if (o.Model is not null || o.Resume is not null)
        {
            throw new UsageException("train: --search chooses the model's width itself; leave out --model and --resume.");
        }

        var search = new HyperparameterSearch
        {
            Trials = o.Search,
            Folds = 3,
            Epochs = epochs,
            BatchSize = batch,
            Seed = o.Seed,
            LearningRate = (lr / 10, lr * 10),
            L2 = (1e-6, 1e-2),
            Widths = [16, 32, 64, 128],
            Loss = loss,
            ModelFactory = (_, width, generator) => TrainRecipe.BuildModel($"mlp:{width}", train.SampleSize, outputs, generator),
            OptimizerFactory = (parameters, rate) => TrainRecipe.BuildOptimizer(optimizerName, parameters, rate, o.Momentum, 0),
        };
        var trials = search.Run(train, t =>
        {
            if (!o.Json)
            {
                console.Error.WriteLine(
                    $"search: lr {t.LearningRate:G3}, l2 {t.L2:G3}, width {t.Width}: cross-validated accuracy {t.MeanAccuracy:P2} " +
                    $"(folds {string.Join(", ", t.FoldAccuracies.Select(a => a.ToString("P1", CultureInfo.InvariantCulture)))})");
            }
        });
        if (!o.Json)
        {
            var best = trials[0];
            console.Out.WriteLine(
                $"search: best of {trials.Count} settings: lr {best.LearningRate:G4}, l2 {best.L2:G4}, width {best.Width} " +
                $"(cross-validated accuracy {best.MeanAccuracy:P2}); training it on the whole training set");
        }

        return trials;
    }
}
