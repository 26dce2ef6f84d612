using FsCheck.Xunit;
using Gradwire.Data;
using Gradwire.Data.Synthetic;
using Gradwire.IO;
using Gradwire.NN;
using Gradwire.Optim;
using Gradwire.Tensors;
using Gradwire.Training;

namespace Gradwire.Tests.Training;

/// <summary>
/// Crafted checkpoints: each one a good checkpoint with one thing broken. Loading must refuse it with a message
/// naming the file and the key, and leave the trainer as it was.
/// </summary>
public sealed class CheckpointValidationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"gradwire-ckval-{Guid.NewGuid():N}");
    private readonly Dataset _data = Spiral.Create(pointsPerClass: 10, seed: 1);

    public CheckpointValidationTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Trainer NewRun(string optimizer = "adam", bool bestWeights = false)
    {
        var model = Mlp.Create([2, 8, 3], Activation.Relu, new Generator(3));
        Optimizer o = optimizer switch
        {
            "adam" => new Adam(model.Parameters(), 0.01),
            "momentum" => new Sgd(model.Parameters(), 0.1, momentum: 0.9),
            "nesterov" => new Sgd(model.Parameters(), 0.1, momentum: 0.9, nesterov: true),
            _ => new Sgd(model.Parameters(), 0.1),
        };
        return new Trainer(model, new CrossEntropyLoss(), o, new DataLoader(_data, 10, shuffle: true, seed: 5))
        {
            Patience = bestWeights ? 5 : 0,
        };
    }

    private string Good(string optimizer = "adam", bool bestWeights = false)
    {
        var trainer = NewRun(optimizer, bestWeights);
        trainer.Fit(2);
        var path = Path.Combine(_dir, $"good-{optimizer}.safetensors");
        trainer.SaveCheckpoint(path);
        return path;
    }

    /// <summary>Rewrites <paramref name="source"/> with its tensors and metadata changed by the two functions.</summary>
    private string Craft(string source, string name, Func<List<SafetensorsTensor>, List<SafetensorsTensor>>? tensors = null,
        Action<Dictionary<string, string>>? metadata = null)
    {
        var content = SafetensorsFile.Read(source);
        var list = tensors is null ? content.Tensors.ToList() : tensors(content.Tensors.ToList());
        var meta = new Dictionary<string, string>(content.Metadata);
        metadata?.Invoke(meta);
        var path = Path.Combine(_dir, name);
        SafetensorsFile.Write(path, list, meta);
        return path;
    }

    private static List<SafetensorsTensor> Replace(List<SafetensorsTensor> list, string name, Func<double[], double[]> change)
    {
        var i = list.FindIndex(t => t.Name == name);
        Assert.True(i >= 0, $"no tensor {name}");
        var t = list[i];
        var values = t.DType == SafetensorsDType.F32 ? t.ToSingles().Select(v => (double)v).ToArray() : t.ToDoubles();
        var changed = change(values);
        list[i] = t.DType == SafetensorsDType.F32
            ? SafetensorsTensor.FromSingles(name, t.Shape.ToArray(), changed.Select(v => (float)v).ToArray())
            : SafetensorsTensor.FromDoubles(name, t.Shape.ToArray(), changed);
        return list;
    }

    private void AssertRefused(string path, params string[] fragments)
    {
        var trainer = NewRun();
        var before = trainer.Model.StateDict()["0.weight"].ToFloatArray();
        var e = Assert.Throws<InvalidDataException>(() => trainer.LoadCheckpoint(path));
        Assert.Contains(Path.GetFileName(path), e.Message);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, e.Message);
        }

        Assert.DoesNotContain("Arithmetic operation", e.Message);
        Assert.Equal(before, trainer.Model.StateDict()["0.weight"].ToFloatArray());
        Assert.Equal(0, trainer.Epoch);
    }

    [Fact]
    public void A_good_checkpoint_still_loads()
    {
        var trainer = NewRun();
        trainer.LoadCheckpoint(Good());
        Assert.Equal(2, trainer.Epoch);
    }

    [Fact]
    public void An_adam_checkpoint_without_its_second_moments_is_refused_naming_the_key()
    {
        var path = Craft(Good(), "no-moments.safetensors", tensors: l => l.Where(t => t.Name != "optim.0.exp_avg_sq").ToList());
        AssertRefused(path, "optim.0.exp_avg_sq");
    }

    [Fact]
    public void A_non_finite_weight_is_refused_naming_the_tensor()
    {
        AssertRefused(Craft(Good(), "nan-weight.safetensors", tensors: l => Replace(l, "model.0.weight", v => { v[3] = double.NaN; return v; })),
            "model.0.weight", "NaN");
        AssertRefused(Craft(Good(), "inf-moment.safetensors", tensors: l => Replace(l, "optim.1.exp_avg", v => { v[0] = double.PositiveInfinity; return v; })),
            "optim.1.exp_avg");
    }

    [Fact]
    public void A_negative_second_moment_is_refused()
    {
        AssertRefused(Craft(Good(), "negative-moment.safetensors", tensors: l => Replace(l, "optim.0.exp_avg_sq", v => { v[1] = -1e-3; return v; })),
            "optim.0.exp_avg_sq", "≥ 0");
    }

    [Theory]
    [InlineData("optim.lr", 0.0)]
    [InlineData("optim.lr", -0.01)]
    [InlineData("optim.step", -1.0)]
    [InlineData("optim.0.step", -5.0)]
    [InlineData("optim.step", 0.5)]
    public void Out_of_range_optimizer_scalars_are_refused(string key, double value)
    {
        AssertRefused(Craft(Good(), "scalar.safetensors", tensors: l => Replace(l, key, _ => [value])), key);
    }

    [Fact]
    public void Unexpected_tensors_are_refused_as_in_strict_loading()
    {
        AssertRefused(Craft(Good(), "extra-model.safetensors",
            tensors: l => [.. l, SafetensorsTensor.FromSingles("model.9.weight", [2], [1f, 2f])]), "model.9.weight");
        AssertRefused(Craft(Good(), "extra-other.safetensors",
            tensors: l => [.. l, SafetensorsTensor.FromSingles("junk", [1], [1f])]), "junk");
        AssertRefused(Craft(Good(), "extra-optim.safetensors",
            tensors: l => [.. l, SafetensorsTensor.FromSingles("optim.0.momentum_buffer", [8, 2], new float[16])]), "optim.0.momentum_buffer");
    }

    [Fact]
    public void Best_weights_of_the_wrong_shape_or_name_are_refused_at_load()
    {
        var good = Good(bestWeights: true);
        Assert.Contains(SafetensorsFile.Read(good).Tensors, t => t.Name == "best.0.weight");
        AssertRefused(Craft(good, "best-shape.safetensors",
            tensors: l => l.Select(t => t.Name == "best.0.weight" ? SafetensorsTensor.FromSingles(t.Name, [4, 4], new float[16]) : t).ToList()),
            "best.0.weight", "[4,4]");
        AssertRefused(Craft(good, "best-missing.safetensors", tensors: l => l.Where(t => t.Name != "best.2.bias").ToList()), "best.2.bias");
        AssertRefused(Craft(good, "best-nan.safetensors", tensors: l => Replace(l, "best.2.bias", v => { v[0] = double.NaN; return v; })), "best.2.bias");
    }

    [Theory]
    [InlineData("epoch", "99999999999")]
    [InlineData("batch", "99999999999")]
    [InlineData("bad_epochs", "-99999999999")]
    [InlineData("epoch", "-1")]
    [InlineData("step", "-3")]
    [InlineData("epoch_seen", "-3")]
    [InlineData("bad_epochs", "-1")]
    [InlineData("epoch_loss_sum", "NaN")]
    [InlineData("dropout.0", "-1")]
    public void Out_of_range_position_metadata_is_refused_naming_the_key(string key, string value)
    {
        var good = Good();
        if (key.StartsWith("dropout.", StringComparison.Ordinal))
        {
            // This model has no dropout: the key is then unexpected, also refused.
            AssertRefused(Craft(good, "meta.safetensors", metadata: m => m[key] = value), key);
            return;
        }

        AssertRefused(Craft(good, "meta.safetensors", metadata: m => m[key] = value), $"'{key}'");
    }

    [Property(MaxTest = 25)]
    public void Any_position_number_outside_its_range_is_refused_naming_the_key(long value, byte which)
    {
        string[] keys = ["epoch", "batch", "bad_epochs"];
        var key = keys[which % keys.Length];
        // Fold the draw outside [0, int.MaxValue]: negative, or above what an int holds.
        var outside = value < 0 ? value : (long)int.MaxValue + 1 + (value % (long.MaxValue - int.MaxValue - 1));
        AssertRefused(Craft(Good(), $"prop-{Guid.NewGuid():N}.safetensors", metadata: m => m[key] = outside.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            $"'{key}'", "out of range");
    }

    [Fact]
    public void A_momentum_checkpoint_without_its_velocity_is_refused()
    {
        var good = Good("momentum");
        var path = Craft(good, "no-velocity.safetensors", tensors: l => l.Where(t => t.Name != "optim.2.momentum_buffer").ToList());
        var trainer = NewRun("momentum");
        var e = Assert.Throws<InvalidDataException>(() => trainer.LoadCheckpoint(path));
        Assert.Contains("optim.2.momentum_buffer", e.Message);
    }

    [Fact]
    public void Sgd_variants_are_told_apart()
    {
        var momentum = Good("momentum");
        var e = Assert.Throws<InvalidDataException>(() => NewRun("nesterov").LoadCheckpoint(momentum));
        Assert.Contains("nesterov", e.Message);
        var plain = Good("sgd");
        Assert.Throws<InvalidDataException>(() => NewRun("momentum").LoadCheckpoint(plain));
    }

    [Fact]
    public void A_different_activation_or_dataset_is_refused()
    {
        var good = Good();
        var model = Mlp.Create([2, 8, 3], Activation.Tanh, new Generator(3));
        var tanh = new Trainer(model, new CrossEntropyLoss(), new Adam(model.Parameters(), 0.01), new DataLoader(_data, 10, shuffle: true, seed: 5));
        Assert.Contains("model", Assert.Throws<InvalidDataException>(() => tanh.LoadCheckpoint(good)).Message);

        var other = Spiral.Create(pointsPerClass: 10, seed: 2);
        var model2 = Mlp.Create([2, 8, 3], Activation.Relu, new Generator(3));
        var otherData = new Trainer(model2, new CrossEntropyLoss(), new Adam(model2.Parameters(), 0.01), new DataLoader(other, 10, shuffle: true, seed: 5));
        Assert.Contains("dataset", Assert.Throws<InvalidDataException>(() => otherData.LoadCheckpoint(good)).Message);
    }

    [Fact]
    public void A_different_regularization_is_refused()
    {
        var good = Good();
        var trainer = NewRun();
        trainer.L2 = 1e-3;
        Assert.Contains("L2", Assert.Throws<InvalidDataException>(() => trainer.LoadCheckpoint(good)).Message);
    }

    [Fact]
    public void A_checkpoint_without_the_new_fingerprints_still_loads()
    {
        var good = Good();
        var old = Craft(good, "old.safetensors", metadata: m =>
        {
            foreach (var key in m.Keys.Where(k => k.StartsWith("run.", StringComparison.Ordinal)).ToList())
            {
                m.Remove(key);
            }
        });
        var trainer = NewRun();
        trainer.LoadCheckpoint(old);
        Assert.Equal(2, trainer.Epoch);
    }
}
