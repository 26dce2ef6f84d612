using Gradwire.Tests.Cli;

namespace Gradwire.Tests.Demos;

public sealed class ChapterTwoDemoTests
{
    [Fact]
    public void Svm_circuit_and_flat_versions_give_identical_numbers()
    {
        var json = DemoJson.Run("svm");

        Assert.True(json["identical"].Flag());
        Assert.Equal(json["circuit"]!["a"].D(), json["flat"]!["a"].D());
        Assert.Equal(json["circuit"]!["b"].D(), json["flat"]!["b"].D());
        Assert.Equal(json["circuit"]!["c"].D(), json["flat"]!["c"].D());
        var circuitLog = json["circuit"]!["log"]!.AsArray();
        var flatLog = json["flat"]!["log"]!.AsArray();
        Assert.Equal(16, circuitLog.Count); // iterations 0, 25, ..., 375
        for (var i = 0; i < circuitLog.Count; i++)
        {
            Assert.Equal(25 * i, circuitLog[i]!["iteration"]!.GetValue<int>());
            Assert.Equal(circuitLog[i]!["accuracy"].D(), flatLog[i]!["accuracy"].D());
        }
    }

    [Fact]
    public void Svm_reports_how_often_the_published_settings_end_at_five_sixths()
    {
        var json = DemoJson.Run("svm");
        var fraction = json["seeds"]!["fraction_0833"].D();

        Assert.Equal(10_000, json["seeds"]!["count"]!.GetValue<int>());
        Assert.InRange(fraction, 0.90, 0.97); // the issue measured about 94% with JavaScript's generator
        Assert.Equal(1.0, fraction + json["seeds"]!["fraction_1"].D() + json["seeds"]!["fraction_other"].D(), 9);
        Assert.Equal(0.833, json["circuit"]!["final_accuracy"].D(), 3);
    }

    [Fact]
    public void Svm_text_says_the_guide_log_is_not_reproduced()
    {
        var result = CliRunner.Run("demo", "svm");

        Assert.Contains("training accuracy at iteration 375", result.Out);
        Assert.Contains("end at 0.833 after 400 iterations", result.Out);
        Assert.Contains("not a copy of the guide's", result.Out);
    }

    [Fact]
    public void Svm_net_hand_backward_matches_autodiff_and_the_net_fits_the_data()
    {
        var json = DemoJson.Run("svm-net");

        Assert.True(json["check"]!["agree"].Flag());
        Assert.True(json["check"]!["max_abs_diff"].D() <= 1e-12);
        Assert.Equal(1.0, json["final_accuracy"].D());
        Assert.Equal(13, json["parameters"]!.AsArray().Count);
        var fit400 = json["seeds"]!["fraction_fit_400"].D();
        var fit4000 = json["seeds"]!["fraction_fit_4000"].D();
        Assert.True(fit4000 > fit400, $"{fit4000} vs {fit400}");
    }

    [Fact]
    public void Svm_cost_prints_the_guide_costs_then_descends()
    {
        var json = DemoJson.Run("svm-cost");

        Assert.Equal(0.440, json["examples"]!["0"]!["cost"].D(), 3);
        Assert.Equal(1.370, json["examples"]!["1"]!["cost"].D(), 3);
        Assert.Equal(0.000, json["examples"]!["2"]!["cost"].D(), 3);
        Assert.Equal(0.005, json["regularization"].D(), 3);
        Assert.Equal(1.815, json["total"].D(), 3);
        Assert.Equal(1.815, json["descent"]!["start_cost"].D(), 3);
        Assert.True(json["descent"]!["final_cost"].D() < 0.25);
        Assert.Equal(3, json["descent"]!["correct"]!.GetValue<int>());
    }

    [Fact]
    public void Svm_cost_text_prints_like_the_guide()
    {
        var result = CliRunner.Run("demo", "svm-cost");

        Assert.Contains("  => cost computed to be 1.370", result.Out);
        Assert.Contains("regularization cost for current model is 0.005", result.Out);
        Assert.Contains("total cost is 1.815", result.Out);
    }
}
