namespace Gradwire.Data;

/// <summary>The images of an IDX3 file: <see cref="Count"/> images of <see cref="Rows"/> × <see cref="Columns"/>
/// pixels scaled to [0, 1], row-major in one buffer.</summary>
/// <param name="Count">Number of images.</param>
/// <param name="Rows">Pixel rows per image.</param>
/// <param name="Columns">Pixel columns per image.</param>
/// <param name="Pixels"><c>Count × Rows × Columns</c> floats in [0, 1].</param>
public sealed record IdxImages(int Count, int Rows, int Columns, float[] Pixels);
