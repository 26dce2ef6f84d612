namespace Gradwire.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST: a 4-byte magic number <c>00 00 TT DD</c> (TT = element
/// type, <c>0x08</c> for unsigned bytes; DD = number of dimensions), DD big-endian 32-bit sizes, then the elements.
/// Files may be raw or gzip-compressed (detected by content, not by name).
/// </summary>
/// <remarks>
/// Everything is checked: the magic number, the element type, the dimension count, that the file holds exactly
/// the elements its header announces (no more, no less), and that labels and images agree in number. Every
/// problem is an <see cref="InvalidDataException"/> naming the file and what is wrong. Memory is bounded by what the
/// file really holds, never by what its header claims; a gzip file must end with its complete, matching trailer.
/// See docs/formats.md.
/// </remarks>
public static class IdxFile
{
    /// <summary>Reads an IDX3 image file (unsigned bytes, dimensions count × rows × columns), scaled to [0, 1] by <c>x / 255</c>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid IDX3 unsigned-byte file.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="GradwireException">The path is a directory, a device or a FIFO.</exception>
    public static IdxImages ReadImages(string path)
    {
        using var reader = IdxReader.Open(path, expectedDimensions: 3, what: "image");
        return Images(reader);
    }

    /// <summary>Reads an IDX1 label file (unsigned bytes, one dimension).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid IDX1 unsigned-byte file.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="GradwireException">The path is a directory, a device or a FIFO.</exception>
    public static byte[] ReadLabels(string path)
    {
        using var reader = IdxReader.Open(path, expectedDimensions: 1, what: "label");
        return reader.ReadBytes();
    }

    /// <summary>
    /// Reads an image file and its label file into a classification dataset with sample shape
    /// <c>[rows·columns]</c> (<paramref name="flatten"/>) or <c>[1, rows, columns]</c>.
    /// </summary>
    /// <remarks>Both headers are read before either payload, so counts that disagree fail before anything large is read.</remarks>
    /// <exception cref="InvalidDataException">A file is invalid, the counts differ, or a label is ≥ <paramref name="classCount"/>.</exception>
    public static Dataset ReadDataset(
        string imagesPath, string labelsPath, string name, int classCount = 10, IReadOnlyList<string>? classNames = null,
        bool flatten = true)
    {
        using var imageFile = IdxReader.Open(imagesPath, expectedDimensions: 3, what: "image");
        using var labelFile = IdxReader.Open(labelsPath, expectedDimensions: 1, what: "label");
        int imageCount = imageFile.Dimensions[0];
        if (labelFile.Total != imageCount)
            throw IdxReader.Problem(
                $"'{labelsPath}' holds {labelFile.Total} labels but '{imagesPath}' holds {imageCount} images; they must match.");
        byte[] rawLabels = labelFile.ReadBytes();
        var labels = new int[rawLabels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (rawLabels[i] >= classCount)
                throw IdxReader.Problem(
                    $"'{labelsPath}': label {rawLabels[i]} at index {i} is outside [0, {classCount}).");
            labels[i] = rawLabels[i];
        }

        var images = Images(imageFile);
        int[] shape = flatten ? [images.Rows * images.Columns] : [1, images.Rows, images.Columns];
        return Dataset.Classification(name, images.Pixels, shape, labels, classCount, classNames);
    }

    private static IdxImages Images(IdxReader reader)
    {
        int[] d = reader.Dimensions;
        return new IdxImages(d[0], d[1], d[2], reader.ReadScaledFloats());
    }
}
