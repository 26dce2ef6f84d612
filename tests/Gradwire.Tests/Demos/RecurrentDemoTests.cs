namespace Gradwire.Tests.Demos;

public sealed class RecurrentDemoTests
{
    [Theory]
    [InlineData("rnn-001")]
    [InlineData("lstm-001")]
    public void The_net_learns_001_and_continues_it_right(string demo)
    {
        var json = DemoJson.Run(demo);

        var loss = json["loss"].Vector();
        Assert.True(loss[^1] < 0.01 * loss[0], $"loss {loss[0]} → {loss[^1]}");
        Assert.Equal("001001001001001001001", json["generated"]!.GetValue<string>());
        Assert.Equal(18.0, json["correct"].D());
    }
}
