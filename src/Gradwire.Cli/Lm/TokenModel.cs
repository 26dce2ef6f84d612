using Gradwire.NN;
using Gradwire.Tensors;

namespace Gradwire.Cli.Lm;

/// <summary>
/// The language model of <c>gradwire lm</c> and <c>bench lstm</c>: Embedding(vocab, embed) → LSTM / GRU / RNN
/// (batch-first, layers × hidden) → Linear(hidden, vocab). Tokens [B, T] int64 → logits [B, T, vocab].
/// </summary>
internal sealed class TokenModel : Module
{
    private readonly Embedding _embedding;
    private readonly LSTM? _lstm;
    private readonly GRU? _gru;
    private readonly RNN? _rnn;
    private readonly Linear _head;

    public TokenModel(string cell, int vocab, int embed, int hidden, int layers, double dropout, Generator generator)
    {
        Cell = cell;
        Vocab = vocab;
        Embed = embed;
        Hidden = hidden;
        Layers = layers;
        _embedding = RegisterModule("embedding", new Embedding(vocab, embed, generator));
        switch (cell)
        {
            case "lstm": _lstm = RegisterModule("rnn", new LSTM(embed, hidden, generator, layers, batchFirst: true, dropout: dropout)); break;
            case "gru": _gru = RegisterModule("rnn", new GRU(embed, hidden, generator, layers, batchFirst: true, dropout: dropout)); break;
            case "rnn": _rnn = RegisterModule("rnn", new RNN(embed, hidden, generator, layers, batchFirst: true, dropout: dropout)); break;
            default: throw new ArgumentException($"lm: the cell must be lstm, gru or rnn, got \"{cell}\".", nameof(cell));
        }

        _head = RegisterModule("head", new Linear(hidden, vocab, generator));
    }

    public string Cell { get; }

    public int Vocab { get; }

    public int Embed { get; }

    public int Hidden { get; }

    public int Layers { get; }

    /// <summary>Logits [B, T, vocab] and the final state (h, c; c null but for LSTM), from <paramref name="state"/> or zeros.</summary>
    public (Tensor Logits, (Tensor H, Tensor? C) State) Forward(Tensor tokens, (Tensor H, Tensor? C)? state = null)
    {
        var x = _embedding.Forward(tokens);
        Tensor y, h;
        Tensor? c = null;
        if (_lstm is not null)
        {
            (y, (h, c)) = _lstm.Forward(x, state is { } s ? (s.H, s.C!) : null);
        }
        else if (_gru is not null)
        {
            (y, h) = _gru.Forward(x, state?.H);
        }
        else
        {
            (y, h) = _rnn!.Forward(x, state?.H);
        }

        return (_head.Forward(y), (h, c));
    }
}
