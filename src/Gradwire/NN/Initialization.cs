namespace Gradwire.NN;

/// <summary>How a <see cref="Linear"/> layer draws its initial weights (always from an explicit seeded generator).</summary>
public enum Initialization
{
    /// <summary>PyTorch's default for nn.Linear: weight and bias U(−1/√in, 1/√in).</summary>
    Default,

    /// <summary>Kaiming/He uniform for ReLU nets: U(−√(6/in), √(6/in)); bias zero.</summary>
    KaimingUniform,

    /// <summary>Kaiming/He normal: N(0, 2/in); bias zero.</summary>
    KaimingNormal,

    /// <summary>Xavier/Glorot uniform for tanh/sigmoid nets: U(±√(6/(in+out))); bias zero.</summary>
    XavierUniform,

    /// <summary>Xavier/Glorot normal: N(0, 2/(in+out)); bias zero.</summary>
    XavierNormal,

    /// <summary>The guide's and CS231n's small random numbers: N(0, 0.01²); bias zero.</summary>
    SmallNormal,
}
