using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Training;

/// <summary>
/// Uses a trained model on raw inputs, as the checkpoint recorded it: applies the preprocessing
/// (<see cref="ModelInfo.ImageScale"/>, then <see cref="ModelInfo.Standardizer"/>), runs the model without a tape in
/// evaluation mode, and turns scores into probabilities where the loss defines them.
/// </summary>
/// <remarks>
/// Probabilities: <c>softmax(scores)</c> for a classifier trained with <c>cross-entropy</c>; <c>[1 − σ(s), σ(s)]</c> for a
/// single-output one trained with <c>bce</c>. Other classifiers (hinge, multiclass SVM, regression losses on
/// labels) have no probabilities: <see cref="Probabilities"/> returns null and <see cref="Classes"/> still works.
/// Regression: <see cref="Predict"/> returns the values.
/// </remarks>
public sealed class Predictor
{
    /// <summary>A predictor for <paramref name="model"/> described by <paramref name="info"/>.</summary>
    public Predictor(Module<Tensor, Tensor> model, ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(info);
        Model = model;
        Info = info;
    }

    /// <summary>The model.</summary>
    public Module<Tensor, Tensor> Model { get; }

    /// <summary>What the checkpoint recorded.</summary>
    public ModelInfo Info { get; }

    /// <summary>Features per raw sample (the product of <see cref="ModelInfo.InputShape"/>).</summary>
    public int SampleSize
    {
        get
        {
            var n = 1;
            foreach (var d in Info.InputShape) n *= d;
            return n;
        }
    }

    /// <summary>Loads a checkpoint (<see cref="Checkpoint.LoadModel"/>) as a predictor.</summary>
    public static Predictor Load(string path) => Checkpoint.LoadModel(path).ToPredictor();

    /// <summary>The model's outputs ([rows, outputs]) for <paramref name="rows"/> raw samples laid out row-major in <paramref name="raw"/>.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of samples.</exception>
    public Tensor Predict(ReadOnlySpan<float> raw, int rows)
    {
        var size = SampleSize;
        if (rows < 1 || raw.Length != (long)rows * size)
        {
            throw new ArgumentException(
                $"Predictor.Predict: {raw.Length} values for {rows} rows; the model takes samples of shape [{string.Join(", ", Info.InputShape)}] ({size} values each).");
        }

        var x = raw.ToArray();
        if (Info.ImageScale is { } scale)
        {
            for (var i = 0; i < x.Length; i++) x[i] = (float)(x[i] * scale);
        }

        Info.Standardizer?.ApplyInPlace(x);
        int[] shape = [rows, .. Info.InputShape];
        Model.Eval();
        using var noGrad = Tensor.NoGrad();
        return Model.Forward(Tensor.FromArray(x, new Shape(shape))).DetachFromScope();
    }

    /// <summary>Class probabilities ([rows, classes]) for a classifier whose loss defines them, else null (see the remarks).</summary>
    public Tensor? Probabilities(Tensor outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (Info.Task != TargetKind.ClassLabels) return null;
        using var noGrad = Tensor.NoGrad();
        if (Info.Outputs >= 2 && Info.Loss == "cross-entropy") return outputs.Softmax(-1).DetachFromScope();
        if (Info.Outputs == 1 && Info.Loss is "bce" or "bce-with-logits")
        {
            var p = outputs.Sigmoid().ToFloatArray();
            var two = new float[p.Length * 2];
            for (var i = 0; i < p.Length; i++) (two[2 * i], two[2 * i + 1]) = (1 - p[i], p[i]);
            return Tensor.FromArray(two, new Shape(p.Length, 2)).DetachFromScope();
        }

        return null;
    }

    /// <summary>The predicted class of each row of <paramref name="outputs"/> (argmax, or the loss's threshold for one output).</summary>
    public int[] Classes(Tensor outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var rows = outputs.ShapeArray[0];
        var classes = new int[rows];
        var threshold = Info.Loss is "mse" or "huber" or "l1" or "smooth-l1" ? 0.5 : 0;
        Prediction.Classes(outputs, classes, threshold);
        return classes;
    }

    /// <summary>The name of class <paramref name="index"/>: the recorded name, or the index as text.</summary>
    public string ClassName(int index) =>
        Info.ClassNames is { } names && index >= 0 && index < names.Count ? names[index] : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
