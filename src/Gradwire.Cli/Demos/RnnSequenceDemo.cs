namespace Gradwire.Cli.Demos;

/// <summary>nn6: a tanh RNN learns 001001001… and predicts the next symbol (see <see cref="RepeatingSequence"/>).</summary>
internal sealed class RnnSequenceDemo : IDemo
{
    public string Name => "rnn-001";

    public string Summary => "nn6: an RNN learns 001001001… and continues it, predicting each next symbol";

    public int Order => 390;

    public void Run(DemoReport report) => RepeatingSequence.Run(report, "rnn");
}
