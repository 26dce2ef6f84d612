using Gradwire.Text;

namespace Gradwire.Data.Translation;

/// <summary>The installed SWORD modules ("KJV", "SpaRV") through <see cref="SwordModule"/>, as an <see cref="IVerseSource"/>.</summary>
internal sealed class InstalledSwordVerses(string? dataDir) : IVerseSource
{
    public IReadOnlyList<string> Verses(string module)
    {
        var sword = module switch
        {
            "KJV" => SwordModule.Kjv(dataDir),
            "SpaRV" => SwordModule.ReinaValera1909(dataDir),
            _ => throw new ArgumentException($"InstalledSwordVerses: unknown module {module}; expected KJV or SpaRV.", nameof(module)),
        };
        var texts = new string[sword.Count];
        for (int i = 0; i < texts.Length; i++)
        {
            texts[i] = sword[i].Text;
        }

        return texts;
    }
}
