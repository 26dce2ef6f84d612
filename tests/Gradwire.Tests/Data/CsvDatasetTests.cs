using Gradwire.Data;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Data;

public sealed class CsvDatasetTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Csv(string text, string name = "data.csv")
    {
        string path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_named_string_target_becomes_sorted_class_indices()
    {
        string path = Csv("x,species,y\n1.5,versicolor,2\n-3e-1,setosa,4\n\n7,virginica,0.25\n8,setosa,1\n");
        var ds = CsvDataset.Load(path, new CsvOptions { TargetColumn = "species" });
        Assert.Equal(4, ds.Count);
        Assert.Equal([2], ds.SampleShape);
        Assert.Equal(new float[] { 1.5f, 2, -0.3f, 4, 7, 0.25f, 8, 1 }, ds.Features.ToArray());
        Assert.Equal(["setosa", "versicolor", "virginica"], ds.ClassNames!);
        Assert.Equal([1, 0, 2, 0], ds.Labels.ToArray());
        Assert.Equal("data", ds.Name);
    }

    [Fact]
    public void First_seen_order_numbers_classes_as_they_appear()
    {
        string path = Csv("a,label\n1,dog\n2,cat\n3,dog\n4,bird\n");
        var ds = CsvDataset.Load(path, new CsvOptions { TargetColumn = "label", ClassOrder = CsvClassOrder.FirstSeen });
        Assert.Equal(["dog", "cat", "bird"], ds.ClassNames!);
        Assert.Equal([0, 1, 0, 2], ds.Labels.ToArray());
    }

    [Fact]
    public void Integer_classes_sort_numerically_and_the_last_column_is_the_default_target()
    {
        var ds = CsvDataset.Load(Csv("a,b,class\n1,2,10\n3,4,2\n5,6,9\n"));
        Assert.Equal(["2", "9", "10"], ds.ClassNames!);
        Assert.Equal([2, 0, 1], ds.Labels.ToArray());
    }

    [Fact]
    public void A_numeric_target_can_be_read_for_regression()
    {
        var ds = CsvDataset.Load(Csv("price,size,rooms\r\n100.5,30,1\r\n250,80,3\r\n"),
            new CsvOptions { TargetColumn = "price", Target = TargetKind.Regression });
        Assert.Equal(TargetKind.Regression, ds.TargetKind);
        Assert.Equal(new float[] { 100.5f, 250 }, ds.Targets.ToArray());
        Assert.Equal(new float[] { 30, 1, 80, 3 }, ds.Features.ToArray());
    }

    [Fact]
    public void Quoted_fields_and_other_separators_are_understood()
    {
        var ds = CsvDataset.Load(Csv("\"a\";\"the \"\"label\"\"\"\n 1.5 ;\"x;y\"\n2;z\n"),
            new CsvOptions { Separator = ';', TargetColumn = "the \"label\"" });
        Assert.Equal(["x;y", "z"], ds.ClassNames!);
        Assert.Equal(new float[] { 1.5f, 2 }, ds.Features.ToArray());
    }

    [Fact]
    public void A_bad_number_names_file_line_and_column()
    {
        string path = Csv("x,y,label\n1,2,a\n3,abc,b\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("line 3, column 2 ('y')", e.Message);
        Assert.Contains("'abc' is not a finite number", e.Message);
    }

    [Fact]
    public void Empty_and_non_finite_values_are_refused()
    {
        Assert.Contains("empty value", Assert.Throws<InvalidDataException>(() => CsvDataset.Load(Csv("x,l\n,a\n"))).Message);
        Assert.Contains("'NaN'", Assert.Throws<InvalidDataException>(() => CsvDataset.Load(Csv("x,l\nNaN,a\n"))).Message);
        Assert.Contains("class value is empty", Assert.Throws<InvalidDataException>(() => CsvDataset.Load(Csv("x,l\n1,\n"))).Message);
    }

    [Fact]
    public void A_ragged_row_names_its_line_and_the_header_width()
    {
        string path = Csv("x,y,label\n1,2,a\n3,b\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains("line 3: 2 fields, but the header (line 1) has 3 columns", e.Message);
    }

    [Fact]
    public void An_unknown_target_column_lists_the_columns()
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(Csv("x,y\n1,2\n"), new CsvOptions { TargetColumn = "z" }));
        Assert.Contains("no column named 'z'", e.Message);
        Assert.Contains("x, y", e.Message);
    }

    [Fact]
    public void Header_problems_are_reported()
    {
        Assert.Contains("empty", Assert.Throws<InvalidDataException>(() => CsvDataset.Load(Csv("\n\n"))).Message);
        Assert.Contains("no data rows", Assert.Throws<InvalidDataException>(() => CsvDataset.Load(Csv("x,y\n"))).Message);
        Assert.Contains("appears twice", Assert.Throws<InvalidDataException>(() => CsvDataset.Load(Csv("x,x,y\n1,2,3\n"))).Message);
        Assert.Contains("at least one feature", Assert.Throws<InvalidDataException>(() => CsvDataset.Load(Csv("x;y\n1;2\n"))).Message);
        Assert.Contains("not closed", Assert.Throws<InvalidDataException>(() => CsvDataset.Load(Csv("x,\"y\n1,2\n"))).Message);
    }
}
