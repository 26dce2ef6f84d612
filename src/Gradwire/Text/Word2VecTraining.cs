namespace Gradwire.Text;

/// <summary>What <see cref="Word2Vec.Train"/> produced, and how fast.</summary>
/// <param name="Vectors">The input vectors (word2vec's <c>syn0</c>), most frequent word first.</param>
/// <param name="TrainWords">In-vocabulary words of the corpus (before subsampling).</param>
/// <param name="Seconds">Wall-clock time of the training passes (not counting the vocabulary).</param>
/// <param name="Iterations">Passes made.</param>
/// <param name="Threads">Worker threads.</param>
public sealed record Word2VecTraining(WordVectors Vectors, long TrainWords, double Seconds, int Iterations, int Threads)
{
    /// <summary>Corpus words processed per second: <c>TrainWords · Iterations / Seconds</c> (word2vec.c's count, subsampled words included).</summary>
    public double WordsPerSecond => Seconds > 0 ? TrainWords * (double)Iterations / Seconds : 0;
}
