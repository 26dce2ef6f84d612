namespace Gradwire.Data;

/// <summary>
/// Seeded ways to hold data out: a train/validation split and k-fold cross-validation, optionally stratified
/// (every class kept in the same proportion in each part).
/// </summary>
/// <remarks>
/// Randomness comes from a <see cref="MersenneTwister"/> seeded with <c>seed</c>. Unstratified: one permutation
/// of all indices. Stratified: the indices of class 0, 1, … are each shuffled in turn by the same generator.
/// Returned index lists are sorted ascending, so a part keeps the dataset's original order.
/// </remarks>
public static class DataSplits
{
    /// <summary>
    /// Splits <paramref name="dataset"/> into training and validation parts. The validation part has
    /// <c>⌈fraction·n⌉</c> samples (scikit-learn's rounding). Stratified, class c contributes <c>⌊fraction·n_c⌋</c>
    /// of them, and the few left over go to the classes with the largest remainders.
    /// </summary>
    /// <exception cref="ArgumentException">The fraction is outside (0, 1), or a part would be empty.</exception>
    public static (Dataset Train, Dataset Validation) TrainValidation(
        Dataset dataset, double validationFraction, int seed, bool stratified = false)
    {
        var (train, validation) = TrainValidationIndices(dataset, validationFraction, seed, stratified);
        return (dataset.Subset(train, $"{dataset.Name}/train"), dataset.Subset(validation, $"{dataset.Name}/validation"));
    }

    /// <summary>The sorted index lists behind <see cref="TrainValidation"/>.</summary>
    public static (int[] Train, int[] Validation) TrainValidationIndices(
        Dataset dataset, double validationFraction, int seed, bool stratified = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(
                nameof(validationFraction), validationFraction, "The validation fraction must lie strictly between 0 and 1.");
        var rng = new MersenneTwister(unchecked((uint)seed));
        var inValidation = new bool[dataset.Count];
        if (stratified)
        {
            var members = ShuffledClassMembers(dataset, rng);
            int[] takes = StratifiedCounts(members, validationFraction, (int)Math.Ceiling(validationFraction * dataset.Count));
            for (int c = 0; c < members.Count; c++)
            {
                for (int i = 0; i < takes[c]; i++) inValidation[members[c][i]] = true;
            }
        }
        else
        {
            int[] permutation = rng.Permutation(dataset.Count);
            int take = (int)Math.Ceiling(validationFraction * dataset.Count);
            for (int i = 0; i < take; i++) inValidation[permutation[i]] = true;
        }

        var (train, validation) = Partition(inValidation);
        if (train.Length == 0 || validation.Length == 0)
            throw new ArgumentException(
                $"Splitting dataset '{dataset.Name}' ({dataset.Count} samples) with validation fraction {validationFraction} " +
                $"leaves {train.Length} training and {validation.Length} validation samples; both must be non-empty.");
        return (train, validation);
    }

    /// <summary>
    /// k-fold cross-validation: the samples are dealt into <paramref name="k"/> disjoint validation folds that
    /// cover the dataset. Unstratified, the folds are consecutive runs of one permutation, the first
    /// <c>n mod k</c> of them one sample larger (scikit-learn's KFold sizes). Stratified, each class's shuffled
    /// samples are dealt round-robin, the dealing cursor running on from class to class, so fold sizes differ by
    /// at most one and each fold holds about <c>n_c / k</c> of class c.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 2 or above the sample count.</exception>
    public static Fold[] KFold(Dataset dataset, int k, int seed, bool stratified = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (k < 2 || k > dataset.Count)
            throw new ArgumentOutOfRangeException(
                nameof(k), k, $"k-fold of dataset '{dataset.Name}' needs 2 ≤ k ≤ {dataset.Count} (its sample count).");
        var rng = new MersenneTwister(unchecked((uint)seed));
        var foldOf = new int[dataset.Count];
        if (stratified)
        {
            int cursor = 0;
            foreach (int[] members in ShuffledClassMembers(dataset, rng))
            {
                foreach (int index in members) foldOf[index] = cursor++ % k;
            }
        }
        else
        {
            int[] permutation = rng.Permutation(dataset.Count);
            int position = 0;
            for (int fold = 0; fold < k; fold++)
            {
                int size = dataset.Count / k + (fold < dataset.Count % k ? 1 : 0);
                for (int i = 0; i < size; i++) foldOf[permutation[position++]] = fold;
            }
        }

        var folds = new Fold[k];
        var inFold = new bool[dataset.Count];
        for (int fold = 0; fold < k; fold++)
        {
            for (int i = 0; i < foldOf.Length; i++) inFold[i] = foldOf[i] == fold;
            var (train, validation) = Partition(inFold);
            folds[fold] = new Fold(fold, train, validation);
        }

        return folds;
    }

    /// <summary>
    /// Splits <paramref name="total"/> held-out samples among classes: <c>⌊fraction·n_c⌋</c> each, then one more to
    /// the classes with the largest remainders (ties to the lower class) until the total is reached.
    /// </summary>
    private static int[] StratifiedCounts(List<int[]> members, double fraction, int total)
    {
        var takes = new int[members.Count];
        var remainders = new double[members.Count];
        int assigned = 0;
        for (int c = 0; c < members.Count; c++)
        {
            double exact = fraction * members[c].Length;
            takes[c] = (int)Math.Floor(exact);
            remainders[c] = exact - takes[c];
            assigned += takes[c];
        }

        while (assigned < total)
        {
            int best = -1;
            for (int c = 0; c < members.Count; c++)
            {
                if (takes[c] < members[c].Length && (best < 0 || remainders[c] > remainders[best])) best = c;
            }

            if (best < 0) break;
            takes[best]++;
            remainders[best] = -1;
            assigned++;
        }

        return takes;
    }

    private static List<int[]> ShuffledClassMembers(Dataset dataset, MersenneTwister rng)
    {
        if (dataset.TargetKind != TargetKind.ClassLabels)
            throw new ArgumentException(
                $"A stratified split needs class labels; dataset '{dataset.Name}' has regression targets.");
        var labels = dataset.Labels;
        int[] counts = dataset.ClassCounts();
        var members = new List<int[]>(counts.Length);
        var filled = new int[counts.Length];
        foreach (int count in counts) members.Add(new int[count]);
        for (int i = 0; i < labels.Length; i++) members[labels[i]][filled[labels[i]]++] = i;
        foreach (int[] list in members) rng.Shuffle(list.AsSpan());
        return members;
    }

    private static (int[] Outside, int[] Inside) Partition(bool[] inside)
    {
        int insideCount = 0;
        foreach (bool b in inside) if (b) insideCount++;
        var outsideList = new int[inside.Length - insideCount];
        var insideList = new int[insideCount];
        int o = 0, n = 0;
        for (int i = 0; i < inside.Length; i++)
        {
            if (inside[i]) insideList[n++] = i;
            else outsideList[o++] = i;
        }

        return (outsideList, insideList);
    }
}
