using Gradwire.Data;
using Gradwire.NN;
using Gradwire.Tensors;
using Gradwire.Training;

namespace Gradwire.Tests.Training;

/// <summary>Evaluation of a classifier with very many classes stays within O(C) memory.</summary>
public sealed class EvaluationMemoryTests
{
    [Fact]
    public void Many_classes_skip_the_confusion_matrix_but_keep_accuracy_and_per_class_accuracy()
    {
        const int classes = 5000; // a 5000 × 5000 matrix would be 100 MB
        var labels = new int[40];
        var features = new float[40];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = i * 97 % classes;
            features[i] = i;
        }

        var data = Dataset.Classification("wide", features, [1], labels, classes);
        var model = new Sequential(new Linear(1, classes, new Generator(1)));
        Evaluation.Run(model, new CrossEntropyLoss(), data); // warm up the JIT and the pool
        var before = GC.GetAllocatedBytesForCurrentThread();
        var evaluation = Evaluation.Run(model, new CrossEntropyLoss(), data);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Null(evaluation.Confusion);
        Assert.Equal(classes, evaluation.ClassCount);
        Assert.InRange(allocated, 0, 20_000_000);
        Assert.InRange(evaluation.Accuracy, 0, 1);
        var perClass = evaluation.PerClassAccuracy();
        Assert.Equal(classes, perClass.Length);
        Assert.True(double.IsNaN(perClass[1])); // no sample of class 1
        var right = 0.0;
        foreach (var label in labels)
        {
            right += perClass[label] / labels.Count(l => l == label);
        }

        Assert.Equal(evaluation.Accuracy, right / labels.Length, 12);
    }

    [Fact]
    public void Few_classes_keep_the_confusion_matrix()
    {
        var data = Dataset.Classification("small", [0f, 1f, 2f, 3f], [1], [0, 1, 2, 1], 3);
        var model = new Sequential(new Linear(1, 3, new Generator(1)));
        var evaluation = Evaluation.Run(model, new CrossEntropyLoss(), data);
        Assert.NotNull(evaluation.Confusion);
        Assert.Equal(3, evaluation.ClassCount);
        var diagonal = 0;
        for (var i = 0; i < 3; i++)
        {
            diagonal += evaluation.Confusion![i, i];
        }

        Assert.Equal(diagonal / 4.0, evaluation.Accuracy);
    }
}
