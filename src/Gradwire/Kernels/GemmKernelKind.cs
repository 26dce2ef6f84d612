namespace Gradwire.Kernels;

/// <summary>Which micro-kernel <see cref="Gemm"/> runs.</summary>
internal enum GemmKernelKind
{
    /// <summary>The fastest one this CPU supports (<see cref="Gemm.BestKernel"/>).</summary>
    Auto,

    /// <summary><see cref="GemmMicroKernel512{T}"/>: AVX-512.</summary>
    Vector512,

    /// <summary><see cref="GemmMicroKernel256{T}"/>: AVX2 + FMA.</summary>
    Vector256,

    /// <summary><see cref="GemmMicroKernelScalar{T}"/>: no SIMD.</summary>
    Scalar,
}
