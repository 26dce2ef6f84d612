using Gradwire.IO;
using Gradwire.Tensors;
using Gradwire.Text;

namespace Gradwire.Cli.Lm;

/// <summary>A trained <see cref="TokenModel"/> with its <see cref="CharVocabulary"/>: safetensors, the spec and vocabulary in the metadata.</summary>
internal static class LmFile
{
    private const string Format = "gradwire-char-lm";

    public static void Save(string path, TokenModel model, CharVocabulary vocabulary)
    {
        var tensors = new List<SafetensorsTensor>();
        foreach (var (name, t) in model.StateDict())
        {
            tensors.Add(SafetensorsTensor.FromSingles(name, t.ShapeArray, t.Contiguous().ToArray<float>()));
        }

        SafetensorsFile.Write(path, tensors, new Dictionary<string, string>
        {
            ["format"] = Format,
            ["cell"] = model.Cell,
            ["layers"] = model.Layers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["hidden"] = model.Hidden.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["embed"] = model.Embed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["vocabulary"] = vocabulary.Serialize(),
        });
    }

    public static (TokenModel Model, CharVocabulary Vocabulary) Load(string path)
    {
        var content = SafetensorsFile.Read(path);
        var m = content.Metadata;
        if (!m.TryGetValue("format", out var format) || format != Format)
        {
            throw new InvalidDataException($"lm: {path} is not a character language model saved by `gradwire lm train --save` (format '{format}').");
        }

        var vocabulary = CharVocabulary.Parse(m["vocabulary"]);
        var model = new TokenModel(
            m["cell"], vocabulary.Count, int.Parse(m["embed"], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(m["hidden"], System.Globalization.CultureInfo.InvariantCulture), int.Parse(m["layers"], System.Globalization.CultureInfo.InvariantCulture),
            0, new Generator(0));
        var state = new Dictionary<string, Tensor>();
        foreach (var t in content.Tensors)
        {
            state[t.Name] = Tensor.FromArray(t.ToSingles(), new Shape([.. t.Shape]));
        }

        model.LoadStateDict(state);
        return (model, vocabulary);
    }
}
