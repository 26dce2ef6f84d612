using Gradwire.Tensors;

namespace Gradwire.NN;

/// <summary>
/// The sizes and switches shared by the Transformer layers, as the arguments of PyTorch's
/// <c>nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps, batch_first, norm_first)</c>.
/// </summary>
/// <param name="DModel">The model width.</param>
/// <param name="NHead">Attention heads (must divide <paramref name="DModel"/>).</param>
/// <param name="DimFeedforward">The feed-forward hidden width (PyTorch's default 2048).</param>
/// <param name="Dropout">Dropout after attention, inside and after the feed-forward (PyTorch's default 0.1).</param>
/// <param name="Activation">The feed-forward activation.</param>
/// <param name="LayerNormEps">ε of the layer norms.</param>
/// <param name="BatchFirst">Inputs [B, T, E] rather than [T, B, E].</param>
/// <param name="NormFirst">Pre-norm (<c>x + f(norm(x))</c>) rather than PyTorch's default post-norm (<c>norm(x + f(x))</c>).</param>
/// <param name="DType">float32 (default) or float64.</param>
public sealed record TransformerOptions(
    int DModel,
    int NHead,
    int DimFeedforward = 2048,
    double Dropout = 0.1,
    TransformerActivation Activation = TransformerActivation.Relu,
    double LayerNormEps = 1e-5,
    bool BatchFirst = false,
    bool NormFirst = false,
    DType DType = DType.Float32);
