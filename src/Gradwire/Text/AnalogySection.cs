namespace Gradwire.Text;

/// <summary>One section of an analogy test set: questions answered (all four words known), correct, and skipped.</summary>
public sealed record AnalogySection(string Name, int Correct, int Answered, int Skipped)
{
    /// <summary><c>Correct / Answered</c> (0 when nothing was answered).</summary>
    public double Accuracy => Answered > 0 ? (double)Correct / Answered : 0;
}
