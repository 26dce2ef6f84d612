using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Tests.IO;
using Gradwire.Training;

namespace Gradwire.Tests.Training;

public sealed class ModelCheckpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Dataset Data()
    {
        var features = new float[40 * 3];
        var labels = new int[40];
        var g = new Generator(3);
        for (var i = 0; i < 40; i++)
        {
            labels[i] = i % 3;
            for (var j = 0; j < 3; j++) features[i * 3 + j] = (float)(100 * j + labels[i] * 5 + g.NextDouble());
        }

        return Dataset.Classification("toy", features, [3], labels, 3, ["a", "b", "c"]);
    }

    [Fact]
    public void A_saved_model_rebuilds_from_its_spec_and_predicts_what_the_original_did()
    {
        var data = Data();
        var standardizer = Standardizer.Fit(data);
        var model = ModelSpec.Build("mlp:8,5:tanh", [3], 3, new Generator(7));
        var info = new ModelInfo
        {
            ModelSpec = "mlp:8,5:tanh",
            InputShape = [3],
            Outputs = 3,
            Loss = "cross-entropy",
            Task = TargetKind.ClassLabels,
            Dataset = "toy",
            ClassNames = ["a", "b", "c"],
            FeatureNames = ["x", "y", "z"],
            Standardizer = standardizer,
        };
        var path = _dir.File("model.safetensors");
        Checkpoint.SaveModel(path, model, info);

        var loaded = Checkpoint.LoadModel(path);
        Assert.Equal("mlp:8,5:tanh", loaded.Info.ModelSpec);
        Assert.Equal(["a", "b", "c"], loaded.Info.ClassNames!);
        Assert.Equal(["x", "y", "z"], loaded.Info.FeatureNames!);
        Assert.Equal(standardizer.Mean, loaded.Info.Standardizer!.Mean);
        Assert.Equal(standardizer.Scale, loaded.Info.Standardizer!.Scale);
        Assert.Equal(Checkpoint.LibraryVersion, loaded.Info.GradwireVersion);

        var raw = data.Features[..6].ToArray();
        var expected = model.Forward(Tensor.FromArray(standardizer.Apply(data).Features[..6].ToArray(), new Shape(2, 3))).ToFloatArray();
        var predictor = loaded.ToPredictor();
        var outputs = predictor.Predict(raw, 2);
        Assert.Equal(expected, outputs.ToFloatArray());
        var p = predictor.Probabilities(outputs)!.ToFloatArray();
        Assert.Equal(1f, p[0] + p[1] + p[2], 5);
        Assert.Equal(2, predictor.Classes(outputs).Length);
    }

    [Fact]
    public void A_trainer_checkpoint_records_the_model_information_and_loads_with_the_model_prefix()
    {
        var data = Data();
        var model = ModelSpec.Build("linear", [3], 3, new Generator(1));
        var trainer = new Trainer(model, new CrossEntropyLoss(), new Gradwire.Optim.Sgd(model.Parameters(), 0.01), new DataLoader(data, 8, shuffle: true, seed: 1))
        {
            ModelInfo = new ModelInfo { ModelSpec = "linear", InputShape = [3], Outputs = 3, Loss = "cross-entropy", Task = TargetKind.ClassLabels },
        };
        trainer.Fit(1);
        var path = _dir.File("run.safetensors");
        trainer.SaveCheckpoint(path);

        // LoadWeights reads model.NAME from a training checkpoint without being told the prefix …
        var copy = ModelSpec.Build("linear", [3], 3, new Generator(99));
        Checkpoint.LoadWeights(path, copy);
        Assert.Equal(model.StateDict()["0.weight"].ToFloatArray(), copy.StateDict()["0.weight"].ToFloatArray());
        // … and a wrong explicit prefix names the tensor it looked for.
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadWeights(path, copy, "best."));
        Assert.Contains("best.0.weight", e.Message);

        var loaded = Checkpoint.LoadModel(path);
        Assert.Equal(model.StateDict()["0.bias"].ToFloatArray(), loaded.Model.StateDict()["0.bias"].ToFloatArray());
        Assert.Null(loaded.Info.Standardizer);
    }

    [Fact]
    public void A_file_without_model_information_is_refused_with_what_to_do()
    {
        var model = ModelSpec.Build("linear", [3], 2, new Generator(1));
        var path = _dir.File("weights.safetensors");
        Checkpoint.SaveWeights(path, model);
        var e = Assert.Throws<InvalidDataException>(() => Checkpoint.LoadModel(path));
        Assert.Contains("no model information", e.Message);
        Assert.Contains("LoadWeights", e.Message);
    }

    [Fact]
    public void A_standardizer_rebuilt_from_its_parameters_standardizes_the_same_way()
    {
        var data = Data();
        var fitted = Standardizer.Fit(data);
        var rebuilt = Standardizer.FromParameters(fitted.Mean.ToArray(), fitted.Scale.ToArray());
        var rows = data.Features.ToArray();
        rebuilt.ApplyInPlace(rows);
        Assert.Equal(fitted.Apply(data).Features.ToArray(), rows);
        Assert.Throws<ArgumentException>(() => Standardizer.FromParameters([0f, 1f], [1f]));
        Assert.Throws<ArgumentException>(() => Standardizer.FromParameters([0f], [0f]));
    }
}
