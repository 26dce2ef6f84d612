#:project ../../src/Gradwire/Gradwire.csproj
// File-based apps default to Native AOT, where System.Text.Json has no reflection; checkpoints write JSON headers.
#:property PublishAot=false
// Train an MLP on a CSV file, save it as a checkpoint, load it back and predict.
//   dotnet run csv-mlp.cs                       a CSV it writes itself (two interleaved half-moons, 3 classes)
//   dotnet run csv-mlp.cs -- wine.csv class 200 your CSV: path, target column, epochs (path "demo": the built-in one)
using System.Globalization;
using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Training;

string path = args.Length > 0 && args[0] != "demo" ? args[0] : WriteDemoCsv(Path.Combine(Path.GetTempPath(), "gradwire-csv-mlp.csv"));
string target = args.Length > 1 ? args[1] : "label";
int epochs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;

// Read the CSV (header row, target column by name, string labels kept as class names) and hold out 25 %.
var all = CsvDataset.Load(path, new CsvOptions { TargetColumn = target });
var (train, test) = DataSplits.TrainValidation(all, 0.25, seed: 1, stratified: true);

// Standardize with the training set's mean and scale; the checkpoint records them for prediction.
var standardizer = Standardizer.Fit(train);
var model = ModelSpec.Build("mlp:32", train.SampleShape.ToArray(), train.ClassCount, new Generator(1));
var loss = new CrossEntropyLoss();
var trainer = new Trainer(model, loss, new Adam(model.Parameters(), 0.01),
                          new DataLoader(standardizer.Apply(train), 32, shuffle: true, seed: 1));
trainer.Fit(epochs);
var accuracy = trainer.Evaluate(standardizer.Apply(test)).Accuracy;
Console.WriteLine($"test accuracy {accuracy:F3} on {test.Count} rows of {Path.GetFileName(path)}");

// Save: weights plus what prediction needs (spec, classes, standardization).
var checkpoint = Path.Combine(Path.GetTempPath(), "gradwire-csv-mlp.safetensors");
Checkpoint.SaveModel(checkpoint, model, new ModelInfo
{
    ModelSpec = "mlp:32",
    InputShape = train.SampleShape.ToArray(),
    Outputs = train.ClassCount,
    Loss = loss.Name,
    Task = TargetKind.ClassLabels,
    ClassNames = all.ClassNames,
    Standardizer = standardizer,
});

// Load it back, as a program that only has the file would, and predict raw (unstandardized) rows.
var predictor = Checkpoint.LoadModel(checkpoint).ToPredictor();
int rows = Math.Min(5, test.Count);
var raw = test.Features[..(rows * test.SampleSize)];
var classes = predictor.Classes(predictor.Predict(raw, rows));
for (int i = 0; i < rows; i++)
{
    string truth = predictor.ClassName(test.Labels[i]);
    Console.WriteLine($"row {i}: predicted {predictor.ClassName(classes[i])}, true {truth}");
}

return accuracy >= 0.8 ? 0 : 1;

// Two interleaved half-moons and a third blob, as a CSV with a header and string labels.
static string WriteDemoCsv(string file)
{
    var random = new Random(7);
    using var writer = new StreamWriter(file);
    writer.WriteLine("x,y,label");
    for (int i = 0; i < 300; i++)
    {
        int c = i % 3;
        double t = Math.PI * random.NextDouble();
        double noise() => 0.1 * (random.NextDouble() - 0.5);
        (double x, double y, string name) = c switch
        {
            0 => (Math.Cos(t) + noise(), Math.Sin(t) + noise(), "upper"),
            1 => (1 - Math.Cos(t) + noise(), 0.5 - Math.Sin(t) + noise(), "lower"),
            _ => (3 + noise(), 2 + noise(), "blob"),
        };
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{x:F4},{y:F4},{name}"));
    }

    return file;
}
