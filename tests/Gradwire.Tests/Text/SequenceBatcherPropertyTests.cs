using FsCheck;
using FsCheck.Fluent;
using Gradwire.Text;

namespace Gradwire.Tests.Text;

public sealed class SequenceBatcherPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(60).WithReplay(20261201UL, 9UL);

    [Fact]
    public void Sequential_windows_cover_each_row_of_the_stream_in_order()
    {
        var gen = from n in Gen.Choose(2, 300)
                  from batch in Gen.Choose(1, 6)
                  from seq in Gen.Choose(1, 12)
                  select (n, batch, seq);
        Prop.ForAll(Arb.From(gen), c =>
        {
            var (n, batch, seq) = c;
            var tokens = Enumerable.Range(0, n).Select(i => (long)(i * 7 % 13)).ToArray();
            var batcher = new SequenceBatcher(tokens, batch, Math.Min(seq, n - 1));
            int t = batcher.SequenceLength;
            int rowLength = n / batch;
            if (batcher.SequentialCount == 0)
            {
                return rowLength - 1 < t;
            }

            var rows = new List<long>[batch];
            var targetRows = new List<long>[batch];
            for (int b = 0; b < batch; b++)
            {
                rows[b] = [];
                targetRows[b] = [];
            }

            foreach (var window in batcher.Sequential())
            {
                var x = window.Inputs.ToInt64Array();
                var y = window.Targets.ToInt64Array();
                for (int b = 0; b < batch; b++)
                {
                    rows[b].AddRange(x.Skip(b * t).Take(t));
                    targetRows[b].AddRange(y.Skip(b * t).Take(t));
                }
            }

            int covered = batcher.SequentialCount * t;
            for (int b = 0; b < batch; b++)
            {
                var expected = tokens.Skip(b * rowLength).Take(covered);
                var expectedTargets = tokens.Skip(b * rowLength + 1).Take(covered);
                if (!rows[b].SequenceEqual(expected) || !targetRows[b].SequenceEqual(expectedTargets))
                {
                    return false;
                }
            }

            // Every window but the leftover tail: at most t tokens per row unused (plus the one target).
            return rowLength - 1 - covered < t;
        }).Check(Config);
    }
}
