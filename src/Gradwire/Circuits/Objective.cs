namespace Gradwire.Circuits;

/// <summary>Which way a strategy tugs the circuit's output.</summary>
public enum Objective
{
    /// <summary>Make the output larger (the guide's chapter 1: "tweak the input slightly to increase the output").</summary>
    Maximize,

    /// <summary>Make the output smaller (a loss).</summary>
    Minimize,
}
