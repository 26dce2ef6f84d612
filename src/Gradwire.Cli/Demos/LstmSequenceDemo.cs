namespace Gradwire.Cli.Demos;

/// <summary>nn6: an LSTM learns 001001001… and predicts the next symbol (see <see cref="RepeatingSequence"/>).</summary>
internal sealed class LstmSequenceDemo : IDemo
{
    public string Name => "lstm-001";

    public string Summary => "nn6: an LSTM learns 001001001… and continues it, predicting each next symbol";

    public int Order => 391;

    public void Run(DemoReport report) => RepeatingSequence.Run(report, "lstm");
}
