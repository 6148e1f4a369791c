using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Model;

namespace Parley.Modules.Care;

/// <summary>How a host gets its classifier: the shipped model, or a model directory written by <c>parley care train</c>.</summary>
public static class CareClassifiers
{
    /// <summary>The shipped model (models/care, embedded), or the rules alone in a build without it.</summary>
    public static ICareBatchClassifier Default() => CareClassifier.Default();

    /// <summary>A model directory; a missing or unreadable model is a <see cref="CareModelException"/> naming the file.</summary>
    public static ICareBatchClassifier Load(string directory) => new CareClassifier(CareModel.Load(directory));
}
