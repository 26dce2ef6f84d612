using Gradwire.Tensors;

namespace Gradwire.Data;

/// <summary>
/// The MT19937 Mersenne Twister, bit for bit the generator behind NumPy's legacy
/// <c>numpy.random.RandomState</c>: same seed ⇒ same numbers, on every machine and every .NET version.
/// </summary>
/// <remarks>
/// Seeding, <see cref="NextDouble"/> (<c>random_sample</c>), <see cref="NextGaussian"/> (<c>randn</c>, the polar
/// Box–Muller method that caches its second value), <see cref="NextInterval"/> and <see cref="Shuffle"/>
/// (<c>RandomState.shuffle</c> of a 1-D array) follow NumPy's legacy code paths, so the CS231n and scikit-learn
/// recipes give the very points that <c>np.random.seed(s)</c> / <c>random_state=s</c> give in Python (up to the
/// last bit of <c>sin</c>/<c>cos</c>/<c>log</c>). Not thread-safe: one instance per consumer.
/// </remarks>
public sealed class MersenneTwister : IUniformSource
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _state = new uint[N];
    private int _position;
    private bool _hasGauss;
    private double _gauss;

    /// <summary>Seeds like <c>np.random.RandomState(seed)</c> (Matsumoto–Nishimura <c>init_genrand</c>).</summary>
    public MersenneTwister(uint seed) => Seed(seed);

    /// <summary>Seeds like <c>np.random.RandomState([k0, k1, ...])</c> (<c>init_by_array</c>).</summary>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    public MersenneTwister(ReadOnlySpan<uint> key)
    {
        if (key.IsEmpty) throw new ArgumentException("A Mersenne Twister key must not be empty.", nameof(key));
        Seed(19650218u);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N) { _state[0] = _state[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }

        for (int k = N - 1; k > 0; k--)
        {
            _state[i] = (_state[i] ^ ((_state[i - 1] ^ (_state[i - 1] >> 30)) * 1566083941u)) - (uint)i;
            i++;
            if (i >= N) { _state[0] = _state[N - 1]; i = 1; }
        }

        _state[0] = 0x80000000u; // guarantees a non-zero initial state
    }

    /// <summary>The next raw 32-bit output.</summary>
    public uint NextUInt32()
    {
        if (_position >= N) Regenerate();
        uint y = _state[_position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits: <c>(a·2^26 + b) / 2^53</c> from two outputs.</summary>
    public double NextDouble()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>
    /// A standard normal sample by the polar method: draw <c>x1, x2</c> uniform in (-1, 1) until
    /// <c>0 &lt; r² = x1² + x2² &lt; 1</c>, then <c>f = √(-2 ln r² / r²)</c>; return <c>f·x2</c> and keep
    /// <c>f·x1</c> for the next call.
    /// </summary>
    public double NextGaussian()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            return _gauss;
        }

        // NumPy returns the second of the pair first and keeps the first for the next call.
        var (first, second) = PolarNormal.Pair(this);
        _gauss = first;
        _hasGauss = true;
        return second;
    }

    /// <summary>A uniform integer in <c>[0, max]</c> (inclusive), by masked rejection sampling.</summary>
    public uint NextInterval(uint max)
    {
        if (max == 0) return 0;
        uint mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        while ((value = NextUInt32() & mask) > max)
        {
        }

        return value;
    }

    /// <summary>Shuffles in place by Fisher–Yates from the end: for i = n-1 … 1 swap i with <c>NextInterval(i)</c>.</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = (int)NextInterval((uint)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>A random permutation of <c>0 … n-1</c>, like <c>RandomState.permutation(n)</c>.</summary>
    public int[] Permutation(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var result = new int[n];
        for (int i = 0; i < n; i++) result[i] = i;
        Shuffle(result.AsSpan());
        return result;
    }

    private void Seed(uint seed)
    {
        for (int i = 0; i < N; i++)
        {
            _state[i] = seed;
            seed = 1812433253u * (seed ^ (seed >> 30)) + (uint)i + 1;
        }

        _position = N;
        _hasGauss = false;
        _gauss = 0;
    }

    private void Regenerate()
    {
        uint[] mt = _state;
        int i = 0;
        for (; i < N - M; i++) mt[i] = mt[i + M] ^ Twist(mt[i], mt[i + 1]);
        for (; i < N - 1; i++) mt[i] = mt[i + M - N] ^ Twist(mt[i], mt[i + 1]);
        mt[N - 1] = mt[M - 1] ^ Twist(mt[N - 1], mt[0]);
        _position = 0;
    }

    private static uint Twist(uint current, uint next)
    {
        uint y = (current & UpperMask) | (next & LowerMask);
        return (y >> 1) ^ ((y & 1) == 0 ? 0u : MatrixA);
    }
}
