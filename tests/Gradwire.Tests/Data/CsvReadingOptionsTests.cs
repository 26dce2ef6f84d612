using System.IO.Compression;
using Gradwire.Data;
using Gradwire.Tests.IO;

namespace Gradwire.Tests.Data;

public sealed class CsvReadingOptionsTests : IDisposable
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
    public void Without_a_header_the_first_line_is_data_and_columns_are_numbered()
    {
        string path = Csv("1,2,a\n3,4,b\n");
        var ds = CsvDataset.Load(path, new CsvOptions { HasHeader = false });
        Assert.Equal(2, ds.Count);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, ds.Features.ToArray());
        Assert.Equal(["a", "b"], ds.ClassNames!);
        Assert.Equal(["column1", "column2", "column3"], CsvDataset.Columns(path, new CsvOptions { HasHeader = false }));
    }

    [Fact]
    public void Skipped_rows_come_before_the_header()
    {
        // scikit-learn's layout: a line of counts and class names, then the data.
        string path = Csv("3,2,setosa,versicolor\nx,y,label\n1,2,0\n3,4,1\n5,6,1\n");
        var ds = CsvDataset.Load(path, new CsvOptions { SkipRows = 1 });
        Assert.Equal(3, ds.Count);
        Assert.Equal(["0", "1"], ds.ClassNames!);
    }

    [Fact]
    public void A_ragged_first_row_suggests_skipping_the_first_line()
    {
        string path = Csv("3,2,setosa,versicolor\n1,2,3\n");
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(path));
        Assert.Contains("--skip-rows 1", e.Message);
    }

    [Theory]
    [InlineData(0, new float[] { 2, 3, 5, 6 }, new[] { "1", "4" })]
    [InlineData(1, new float[] { 1, 3, 4, 6 }, new[] { "2", "5" })]
    [InlineData(-1, new float[] { 1, 2, 4, 5 }, new[] { "3", "6" })]
    [InlineData(-3, new float[] { 2, 3, 5, 6 }, new[] { "1", "4" })]
    public void The_target_column_can_be_given_by_index_negative_from_the_end(int index, float[] features, string[] classes)
    {
        var ds = CsvDataset.Load(Csv("a,b,c\n1,2,3\n4,5,6\n"), new CsvOptions { TargetIndex = index });
        Assert.Equal(features, ds.Features.ToArray());
        Assert.Equal(classes, ds.ClassNames!);
    }

    [Fact]
    public void An_out_of_range_target_index_names_the_column_count()
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.Load(Csv("a,b\n1,2\n"), new CsvOptions { TargetIndex = 2 }));
        Assert.Contains("2 columns", e.Message);
    }

    [Fact]
    public void Gzipped_files_are_read_by_their_magic_bytes_and_named_without_extensions()
    {
        string path = _dir.File("digits.csv.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var w = new StreamWriter(gz))
        {
            w.Write("0,1,7\n2,3,8\n");
        }

        var ds = CsvDataset.Load(path, new CsvOptions { HasHeader = false });
        Assert.Equal(new float[] { 0, 1, 2, 3 }, ds.Features.ToArray());
        Assert.Equal(["7", "8"], ds.ClassNames!);
        Assert.Equal("digits", ds.Name);
    }

    [Fact]
    public void A_space_separator_splits_on_runs_of_blanks()
    {
        var ds = CsvDataset.Load(Csv("59  2 32.1\t101\n48 1 21.6 87\n"), new CsvOptions { HasHeader = false, Separator = ' ', Target = TargetKind.Regression });
        Assert.Equal(new float[] { 59, 2, 32.1f, 48, 1, 21.6f }, ds.Features.ToArray());
        Assert.Equal(new float[] { 101, 87 }, ds.Targets.ToArray());
    }

    [Fact]
    public void Features_are_read_by_name_in_the_order_asked()
    {
        var (columns, values, rows) = CsvDataset.LoadFeatures(Csv("b,label,a\n1,x,2\n3,y,4\n"), columns: ["a", "b"]);
        Assert.Equal(["a", "b"], columns);
        Assert.Equal(2, rows);
        Assert.Equal(new float[] { 2, 1, 4, 3 }, values);
        var e = Assert.Throws<InvalidDataException>(() => CsvDataset.LoadFeatures(Csv("b,a\n1,2\n", "other.csv"), columns: ["c"]));
        Assert.Contains("no column named 'c'", e.Message);
    }
}
