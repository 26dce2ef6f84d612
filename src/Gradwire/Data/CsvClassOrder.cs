namespace Gradwire.Data;

/// <summary>How the distinct values of a CSV target column are numbered as classes 0, 1, 2, ...</summary>
public enum CsvClassOrder
{
    /// <summary>
    /// Sorted: numerically when every value is an integer (so "2" comes before "10"), otherwise by ordinal string
    /// comparison ("Iris-setosa" &lt; "Iris-versicolor"). The numbering does not depend on row order.
    /// </summary>
    Sorted,

    /// <summary>In the order the values first appear, reading the file from the top.</summary>
    FirstSeen,
}
