using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Training;

/// <summary>A model rebuilt from a checkpoint (<see cref="Checkpoint.LoadModel"/>), in evaluation mode, with what the checkpoint recorded about it.</summary>
/// <param name="Model">The module, weights loaded.</param>
/// <param name="Info">Spec, task, classes and preprocessing.</param>
public sealed record LoadedModel(Module<Tensor, Tensor> Model, ModelInfo Info)
{
    /// <summary>A <see cref="Predictor"/> for this model: raw inputs in, probabilities or values out.</summary>
    public Predictor ToPredictor() => new(Model, Info);
}
