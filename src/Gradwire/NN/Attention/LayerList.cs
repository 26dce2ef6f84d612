namespace Gradwire.NN;

/// <summary>Children registered as <c>0</c>, <c>1</c>, … (PyTorch's <c>nn.ModuleList</c>, for state-dict keys such as <c>layers.0.linear1.weight</c>).</summary>
internal sealed class LayerList<T> : Module
    where T : Module
{
    private readonly List<T> _items = [];

    public LayerList(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            RegisterModule(_items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), item);
            _items.Add(item);
        }
    }

    public int Count => _items.Count;

    public T this[int index] => _items[index];

    protected override string Describe() => $"ModuleList({_items.Count})";
}
