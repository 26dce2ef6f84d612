namespace Gradwire.Data.Synthetic;

/// <summary>One point of the guide's chapter 2 data, exactly as the guide writes it: features in double precision, label ±1.</summary>
/// <param name="X">The first feature.</param>
/// <param name="Y">The second feature.</param>
/// <param name="Label">+1 or −1.</param>
public readonly record struct GuidePoint(double X, double Y, int Label);
