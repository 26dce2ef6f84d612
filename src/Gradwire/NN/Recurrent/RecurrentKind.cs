namespace Gradwire.NN;

/// <summary>Which recurrence a cell or layer runs (its gate count and step rule).</summary>
internal enum RecurrentKind
{
    /// <summary>h' = tanh(W_ih x + b_ih + W_hh h + b_hh).</summary>
    RnnTanh,

    /// <summary>h' = relu(W_ih x + b_ih + W_hh h + b_hh).</summary>
    RnnRelu,

    /// <summary>Four gates i, f, g, o (PyTorch's order).</summary>
    Lstm,

    /// <summary>Three gates r, z, n (PyTorch's order).</summary>
    Gru,
}
