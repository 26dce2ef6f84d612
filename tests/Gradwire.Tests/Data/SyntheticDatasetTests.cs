using Gradwire.Data;
using Gradwire.Data.Synthetic;

namespace Gradwire.Tests.Data;

// Golden points from NumPy 1.24.2 and scikit-learn 1.2.1 (Debian python3-numpy, python3-sklearn), computed in
// float64 by the published recipes; our points are float32, hence the 1e-6 tolerance.
public sealed class SyntheticDatasetTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void Spiral_follows_the_exact_CS231n_recipe_with_numpy_seed_0()
    {
        // np.random.seed(0); N=100; K=3; t = np.linspace(j*4,(j+1)*4,N) + np.random.randn(N)*0.2; X = [r sin t, r cos t]
        var spiral = Spiral.Create(pointsPerClass: 100, classes: 3, seed: 0);
        (int Index, double X, double Y, int Label)[] golden =
        [
            (1, 0.0012135812756681984, 0.010027842517114817, 0),
            (2, 0.005516036992165376, 0.019434375630410557, 0),
            (50, 0.48671087245760825, -0.1348648927012665, 0),
            (99, -0.8068528567098164, -0.5907524588346701, 0),
            (100, 0.0, 0.0, 1),
            (157, -0.11220713923710875, 0.5647179330838226, 1),
            (250, -0.3252222392180426, -0.3864020028024862, 2),
            (299, -0.47270638487404987, 0.881219991658897, 2),
        ];
        foreach (var (index, x, y, label) in golden)
        {
            Assert.Equal(x, spiral.GetFeatures(index)[0], Tolerance);
            Assert.Equal(y, spiral.GetFeatures(index)[1], Tolerance);
            Assert.Equal(label, spiral.GetLabel(index));
        }

        // X.sum() and np.abs(X).sum() over all 300 points.
        double sum = 0, absSum = 0;
        foreach (float v in spiral.Features) { sum += v; absSum += Math.Abs(v); }
        Assert.Equal(-9.6158275489382, sum, 1e-4);
        Assert.Equal(193.58765814094733, absSum, 1e-4);
    }

    [Fact]
    public void Spiral_has_K_balanced_classes_of_2D_points_in_the_unit_disc()
    {
        var spiral = Spiral.Create(pointsPerClass: 40, classes: 5, seed: 3);
        Assert.Equal(200, spiral.Count);
        Assert.Equal([2], spiral.SampleShape);
        Assert.Equal(5, spiral.ClassCount);
        Assert.Equal([40, 40, 40, 40, 40], spiral.ClassCounts());
        for (int i = 0; i < spiral.Count; i++)
        {
            var p = spiral.GetFeatures(i);
            Assert.True(p[0] * p[0] + p[1] * p[1] <= 1.0001f);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_points_and_another_seed_other_points()
    {
        Assert.True(Spiral.Create(seed: 11).Features.SequenceEqual(Spiral.Create(seed: 11).Features));
        Assert.False(Spiral.Create(seed: 11).Features.SequenceEqual(Spiral.Create(seed: 12).Features));
        Assert.True(Circles.Create(seed: 4).Features.SequenceEqual(Circles.Create(seed: 4).Features));
        Assert.True(Xor.Cloud(seed: 4).Features.SequenceEqual(Xor.Cloud(seed: 4).Features));
        Assert.False(Xor.Cloud(seed: 4).Features.SequenceEqual(Xor.Cloud(seed: 5).Features));
    }

    [Fact]
    public void Circles_equal_scikit_learn_make_circles()
    {
        // make_circles(n_samples=200, noise=0.1, factor=0.5, random_state=3)
        var circles = Circles.Create(samples: 200, noise: 0.1, factor: 0.5, seed: 3);
        (int Index, double X, double Y, int Label)[] golden =
        [
            (0, -0.8768382623090626, 0.6304287597364807, 0),
            (1, -1.0733602077880189, -0.23720154459342274, 0),
            (77, 0.13233891783786955, 1.0060724672529946, 0),
            (199, 0.2751011001825123, 0.11533809453347532, 1),
        ];
        foreach (var (index, x, y, label) in golden)
        {
            Assert.Equal(x, circles.GetFeatures(index)[0], Tolerance);
            Assert.Equal(y, circles.GetFeatures(index)[1], Tolerance);
            Assert.Equal(label, circles.GetLabel(index));
        }

        Assert.Equal([0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 0], circles.Labels[..12].ToArray());
        Assert.Equal([100, 100], circles.ClassCounts());
        double sum = 0;
        foreach (float v in circles.Features) sum += v;
        Assert.Equal(0.94199949810832, sum, 1e-4);
    }

    [Fact]
    public void Circles_without_noise_lie_exactly_on_the_two_radii()
    {
        var circles = Circles.Create(samples: 31, noise: 0, factor: 0.3, seed: 1);
        Assert.Equal([15, 16], circles.ClassCounts());
        for (int i = 0; i < circles.Count; i++)
        {
            var p = circles.GetFeatures(i);
            double radius = Math.Sqrt(p[0] * p[0] + p[1] * p[1]);
            Assert.Equal(circles.GetLabel(i) == 0 ? 1.0 : 0.3, radius, 1e-6);
        }
    }

    [Fact]
    public void Xor_and_And_are_the_four_corners_with_their_truth_tables()
    {
        var xor = Xor.Points();
        var and = And.Points();
        float[] corners = [0, 0, 0, 1, 1, 0, 1, 1];
        Assert.Equal(corners, xor.Features.ToArray());
        Assert.Equal(corners, and.Features.ToArray());
        Assert.Equal([0, 1, 1, 0], xor.Labels.ToArray());
        Assert.Equal([0, 0, 0, 1], and.Labels.ToArray());
        Assert.Equal([0f, 1f, 1f, 0f], xor.ToRegression([0f, 1f]).Targets.ToArray());
    }

    [Fact]
    public void Xor_cloud_points_stay_near_their_corner_and_carry_its_label()
    {
        var cloud = Xor.Cloud(pointsPerCorner: 25, noise: 0.1, seed: 2);
        Assert.Equal(100, cloud.Count);
        Assert.Equal([50, 50], cloud.ClassCounts());
        for (int i = 0; i < cloud.Count; i++)
        {
            var p = cloud.GetFeatures(i);
            int cx = p[0] > 0.5f ? 1 : 0, cy = p[1] > 0.5f ? 1 : 0; // noise 0.1: beyond 5σ is practically impossible
            Assert.Equal(cx ^ cy, cloud.GetLabel(i));
        }
    }

    [Fact]
    public void Seven_segment_digits_light_the_right_segments()
    {
        var digits = SevenSegment.Digits();
        Assert.Equal(10, digits.Count);
        Assert.Equal([7], digits.SampleShape);
        Assert.Equal(new float[] { 0, 1, 1, 0, 0, 0, 0 }, digits.GetFeatures(1).ToArray()); // 1 = b, c
        Assert.Equal(new float[] { 1, 1, 1, 1, 1, 1, 1 }, digits.GetFeatures(8).ToArray());
        int[] litSegments = [6, 2, 5, 5, 4, 5, 6, 3, 7, 6];
        for (int d = 0; d < 10; d++)
        {
            Assert.Equal(d, digits.GetLabel(d));
            Assert.Equal(litSegments[d], (int)digits.GetFeatures(d).ToArray().Sum());
        }

        // All ten patterns differ, so the digit is learnable from the segments.
        var patterns = Enumerable.Range(0, 10).Select(d => string.Join("", digits.GetFeatures(d).ToArray())).ToHashSet();
        Assert.Equal(10, patterns.Count);
    }

    [Fact]
    public void Seven_segment_binary_code_is_the_digit_in_four_bits_msb_first()
    {
        var coded = SevenSegment.BinaryCode();
        Assert.Equal(TargetKind.Regression, coded.TargetKind);
        Assert.Equal([4], coded.TargetShape);
        Assert.Equal(new float[] { 0, 1, 0, 1 }, coded.GetTarget(5).ToArray());
        Assert.Equal(new float[] { 1, 0, 0, 1 }, coded.GetTarget(9).ToArray());
        Assert.True(coded.Features.SequenceEqual(SevenSegment.Digits().Features));
    }

    [Fact]
    public void The_guides_two_six_point_sets_are_the_prose_table_and_the_svm_code_data()
    {
        var table = GuideData.ProseTable();
        var svm = GuideData.SvmCode();
        Assert.Equal(new float[] { 1.2f, 0.7f, -0.3f, 0.5f, -3f, -1f, 0.1f, 1.0f, 3.0f, 1.1f, 2.1f, -3f }, table.Features.ToArray());
        Assert.Equal(new float[] { 1.2f, 0.7f, -0.3f, -0.5f, 3.0f, 0.1f, -0.1f, -1.0f, -1.0f, 1.1f, 2.1f, -3f }, svm.Features.ToArray());
        int[] signed = [1, -1, 1, -1, -1, 1];
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(signed[i], GuideData.SignedLabel(table, i));
            Assert.Equal(signed[i], GuideData.SignedLabel(svm, i));
        }

        Assert.Equal(["-1", "+1"], svm.ClassNames!);
        Assert.Equal(new float[] { 1, -1, 1, -1, -1, 1 }, svm.ToRegression([-1f, 1f]).Targets.ToArray());
    }

    [Fact]
    public void Generators_reject_bad_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Spiral.Create(pointsPerClass: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Spiral.Create(noise: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Circles.Create(factor: 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Circles.Create(samples: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Xor.Cloud(noise: double.NaN));
    }
}
