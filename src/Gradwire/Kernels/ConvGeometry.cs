namespace Gradwire.Kernels;

/// <summary>
/// The window geometry of a 2-D convolution or pooling over one [C, H, W] plane stack: kernel, stride, the
/// padding before each axis (after-padding is implied by the output size), dilation and output size.
/// Output size on an axis: <c>⌊(in + padBefore + padAfter − dilation·(k − 1) − 1) / stride⌋ + 1</c>.
/// </summary>
internal readonly record struct ConvGeometry(
    int Channels, int Height, int Width,
    int KernelH, int KernelW,
    int StrideH, int StrideW,
    int PadH, int PadW,
    int DilationH, int DilationW,
    int OutH, int OutW)
{
    /// <summary>Rows of the column matrix: <c>C·kh·kw</c>.</summary>
    public int ColumnRows => Channels * KernelH * KernelW;

    /// <summary>Columns of the column matrix (output positions): <c>OutH·OutW</c>.</summary>
    public int ColumnCols => OutH * OutW;

    /// <summary>Elements of one input plane stack: <c>C·H·W</c>.</summary>
    public int InputSize => Channels * Height * Width;

    /// <summary>Output size on one axis for symmetric padding (floor mode).</summary>
    public static int OutputSize(int input, int kernel, int stride, int padBefore, int padAfter, int dilation) =>
        ((input + padBefore + padAfter - (dilation * (kernel - 1)) - 1) / stride) + 1;
}
