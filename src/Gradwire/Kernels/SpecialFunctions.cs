namespace Gradwire.Kernels;

/// <summary>
/// Scalar special functions .NET does not provide accurately: <c>log1p</c>, <c>expm1</c> (the BCL's
/// <c>double.LogP1</c>/<c>ExpM1</c> are <c>Log(x + 1)</c>/<c>Exp(x) − 1</c> and lose every digit for tiny x),
/// <c>erf</c> and <c>erfc</c> (absent). float64 to about one ulp; float32 goes through float64.
/// </summary>
/// <remarks>
/// erf/erfc are the rational approximations of Sun's fdlibm <c>s_erf.c</c> (the algorithm glibc, and so
/// PyTorch's CPU kernels, use), so values agree with PyTorch to the last bit or two:
/// <code>
/// Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
/// Developed at SunPro, a Sun Microsystems, Inc. business.
/// Permission to use, copy, modify, and distribute this software is freely granted, provided that this
/// notice is preserved.
/// </code>
/// </remarks>
internal static class SpecialFunctions
{
    /// <summary>ln(1 + x), exact for tiny x.</summary>
    public static double Log1p(double x)
    {
        // NOTE: Goldberg's trick: u = 1 + x rounds, but log(u)·x/(u − 1) cancels that rounding error exactly.
        var u = 1 + x;
        if (u == 1)
        {
            return x;
        }

        return double.IsInfinity(u) ? u : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1, exact for tiny x.</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) >= 0.5)
        {
            return Math.Exp(x) - 1; // no cancellation worth a digit out here
        }

        // NOTE: Kahan's trick: (u − 1)·x/ln u cancels the rounding error of u = eˣ.
        var u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        var um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    private const double Erx = 8.45062911510467529297e-01;
    private const double Efx8 = 1.02703333676410069053e+00;

    /// <summary>erf(x) = 2/√π ∫₀ˣ e^(−t²) dt.</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        var ax = Math.Abs(x);
        double y;
        if (ax < 0.84375)
        {
            if (ax < 3.725290298461914e-09) // 2⁻²⁸
            {
                return 0.125 * (8 * x + Efx8 * x);
            }

            return x + x * SmallRatio(x * x);
        }

        y = ax < 6 ? 1 - ErfcTail(ax) : 1 - 2.2250738585072014e-308;
        return x < 0 ? -y : y;
    }

    /// <summary>erfc(x) = 1 − erf(x), without the cancellation for large x.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }

        var ax = Math.Abs(x);
        if (ax < 0.84375)
        {
            if (ax < 1.3877787807814457e-17) // 2⁻⁵⁶
            {
                return 1 - x;
            }

            var r = x * SmallRatio(x * x);
            return x < 0.25 ? 1 - (x + r) : 0.5 - (x - 0.5 + r);
        }

        if (ax < 28)
        {
            var tail = ErfcTail(ax);
            return x < 0 ? 2 - tail : tail;
        }

        return x < 0 ? 2 - 2.2250738585072014e-308 : 0;
    }

    /// <summary>erf⁻¹(y) for y in [−1, 1] (±∞ at ±1, NaN outside).</summary>
    /// <remarks>
    /// Winitzki's closed form (about 2e-3 relative) refined by Newton steps on erf(x) − y with the accurate
    /// <see cref="Erf"/>: the error squares each step, so four or five reach the last bit. Near |y| = 1 the
    /// problem itself is ill-conditioned (erf is flat there): the answer is as good as y's last bit allows.
    /// </remarks>
    public static double Erfinv(double y)
    {
        if (double.IsNaN(y) || Math.Abs(y) > 1)
        {
            return double.NaN;
        }

        if (Math.Abs(y) == 1)
        {
            return y * double.PositiveInfinity;
        }

        if (y == 0)
        {
            return y; // keeps −0
        }

        const double a = 0.147;
        var ln = Log1p(-y * y);
        var t = 2 / (Math.PI * a) + ln / 2;
        var x = Math.CopySign(Math.Sqrt(Math.Sqrt(t * t - ln / a) - t), y);
        for (var i = 0; i < 8; i++)
        {
            var step = (Erf(x) - y) / (1.1283791670955126 * Math.Exp(-x * x)); // erf′ = 2/√π e^(−x²)
            x -= step;
            if (Math.Abs(step) <= 1e-17 * Math.Abs(x))
            {
                break;
            }
        }

        return x;
    }

    /// <summary>(erf(x) − x)/x for |x| &lt; 0.84375, as a function of z = x².</summary>
    private static double SmallRatio(double z)
    {
        var r = 1.28379167095512558561e-01 + z * (-3.25042107247001499370e-01 + z * (-2.84817495755985104766e-02
            + z * (-5.77027029648944159157e-03 + z * -2.37630166566501626084e-05)));
        var s = 1 + z * (3.97917223959155352819e-01 + z * (6.50222499887672944485e-02 + z * (5.08130628187576562776e-03
            + z * (1.32494738004321644526e-04 + z * -3.96022827877536812320e-06))));
        return r / s;
    }

    /// <summary>erfc(x) for 0.84375 ≤ x &lt; 28.</summary>
    private static double ErfcTail(double x)
    {
        if (x < 1.25)
        {
            var t = x - 1;
            var p = -2.36211856075265944077e-03 + t * (4.14856118683748331666e-01 + t * (-3.72207876035701323847e-01
                + t * (3.18346619901161753674e-01 + t * (-1.10894694282396677476e-01 + t * (3.54783043256182359371e-02
                + t * -2.16637559486879084300e-03)))));
            var q = 1 + t * (1.06420880400844228286e-01 + t * (5.40397917702171048937e-01 + t * (7.18286544141962662868e-02
                + t * (1.26171219808761642112e-01 + t * (1.36370839120290507362e-02 + t * 1.19844998467991074170e-02)))));
            return 1 - Erx - p / q;
        }

        var s = 1 / (x * x);
        double rr, ss;
        if (x < 2.857142857142857) // 1/0.35
        {
            rr = -9.86494403484714822705e-03 + s * (-6.93858572707181764372e-01 + s * (-1.05586262253232909814e+01
                + s * (-6.23753324503260060396e+01 + s * (-1.62396669462573470355e+02 + s * (-1.84605092906711035994e+02
                + s * (-8.12874355063065934246e+01 + s * -9.81432934416914548592e+00))))));
            ss = 1 + s * (1.96512716674392571292e+01 + s * (1.37657754143519042600e+02 + s * (4.34565877475229228821e+02
                + s * (6.45387271733267880336e+02 + s * (4.29008140027567833386e+02 + s * (1.08635005541779435134e+02
                + s * (6.57024977031928170135e+00 + s * -6.04244152148580987438e-02)))))));
        }
        else
        {
            rr = -9.86494292470009928597e-03 + s * (-7.99283237680523006574e-01 + s * (-1.77579549177547519889e+01
                + s * (-1.60636384855821916062e+02 + s * (-6.37566443368389627722e+02 + s * (-1.02509513161107724954e+03
                + s * -4.83519191608651397019e+02)))));
            ss = 1 + s * (3.03380607434824582924e+01 + s * (3.25792512996573918826e+02 + s * (1.53672958608443695994e+03
                + s * (3.19985821950859553908e+03 + s * (2.55305040643316442583e+03 + s * (4.74528541206955367215e+02
                + s * -2.24409524465858183362e+01))))));
        }

        // NOTE: e^(−x²) as e^(−z² − 0.5625)·e^((z − x)(z + x) + R/S) with z = x rounded to 32 bits, so the
        // square z² is exact and the product keeps full precision.
        var z = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & unchecked((long)0xFFFFFFFF00000000));
        return Math.Exp(-z * z - 0.5625) * Math.Exp((z - x) * (z + x) + rr / ss) / x;
    }
}
