using Parley.Modules.Decisioning.Contracts;
using Parley.Modules.Decisioning.Features;
using Parley.Modules.Decisioning.Scoring;
using Shouldly;

namespace Parley.Modules.Decisioning.Tests;

public sealed class FlatForestTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void The_flat_forest_scores_what_MLNET_scores()
    {
        var features = TrainedSample.Features;
        var expected = TrainedSample.Model.Predict(features);
        var forest = TrainedSample.Forest;

        for (var i = 0; i < features.Length; i++)
        {
            forest.Probability(forest.RawScore(features[i])).ShouldBe(expected[i], Tolerance);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_compiled_forest_scores_what_MLNET_scores_on_one_core_and_on_all(bool vectorised)
    {
        var features = TrainedSample.Features;
        var expected = TrainedSample.Model.Predict(features);
        var compiled = new CompiledForest(TrainedSample.Forest, vectorised);
        var packed = features.SelectMany(f => f).ToArray();
        var single = new float[features.Length];
        var parallel = new float[features.Length];

        compiled.Score(packed, single);
        compiled.ScoreParallel(packed, parallel);

        for (var i = 0; i < features.Length; i++)
        {
            single[i].ShouldBe(expected[i], Tolerance);
        }

        parallel.ShouldBe(single);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Both_layouts_keep_every_row_on_its_path_for_values_never_trained_on(bool vectorised)
    {
        // Values no training row had, so every split compares both ways across the rows; 300 rows end in a partial block.
        var compiled = new CompiledForest(TrainedSample.Forest, vectorised);
        compiled.Vectorised.ShouldBe(vectorised && System.Runtime.Intrinsics.X86.Avx2.IsSupported);
        var rows = Enumerable.Range(0, 300).Select(i => Enumerable.Range(0, EarlyWarningFeatures.FeatureCount).Select(f => (float)(((i * 7919) + (f * 104729)) % 1000 / 100.0) - 2f).ToArray()).ToArray();
        var probabilities = new float[rows.Length];

        compiled.Score(rows.SelectMany(r => r).ToArray(), probabilities);

        for (var i = 0; i < rows.Length; i++)
        {
            probabilities[i].ShouldBe((float)TrainedSample.Forest.Probability(TrainedSample.Forest.RawScore(rows[i])), Tolerance);
        }
    }

    [Fact]
    public void Covers_count_every_training_row_once_per_tree()
    {
        var forest = TrainedSample.Forest;

        forest.LeafCover.Sum().ShouldBe((long)forest.TreeCount * TrainedSample.Features.Length);
    }

    [Fact]
    public void A_forest_file_reads_back_identical()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-forest-{Environment.ProcessId}-{nameof(A_forest_file_reads_back_identical)}.bin");
        try
        {
            TrainedSample.Forest.Write(path);
            var read = FlatForest.Read(path);

            read.Bias.ShouldBe(TrainedSample.Forest.Bias);
            read.PlattSlope.ShouldBe(TrainedSample.Forest.PlattSlope);
            read.Threshold.ShouldBe(TrainedSample.Forest.Threshold);
            read.LeafValue.ShouldBe(TrainedSample.Forest.LeafValue);
            read.LeafCover.ShouldBe(TrainedSample.Forest.LeafCover);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("garbage")]
    [InlineData("child out of range")]
    public void A_damaged_forest_file_is_refused_by_name(string damage)
    {
        var path = Path.Combine(Path.GetTempPath(), $"parley-forest-{Environment.ProcessId}-{damage.Replace(' ', '-')}.bin");
        try
        {
            TrainedSample.Forest.Write(path);
            var bytes = File.ReadAllBytes(path);
            switch (damage)
            {
                case "truncated":
                    File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                    break;
                case "garbage":
                    File.WriteAllText(path, "not a forest");
                    break;
                default:
                    var f = TrainedSample.Forest;
                    var right = (int[])f.Right.Clone();
                    right[0] = 10_000;
                    Should.Throw<FormatException>(() => new FlatForest(f.FeatureCount, f.Bias, f.PlattSlope, f.PlattOffset, f.NodeStart, f.LeafStart, f.SplitFeature, f.Threshold, f.Left, right, f.LeafValue, f.LeafCover));
                    // On disk the same damage is a model-directory error.
                    BitConverter.GetBytes(10_000).CopyTo(bytes, RightArrayOffset(bytes.Length, f));
                    File.WriteAllBytes(path, bytes);
                    break;
            }

            Should.Throw<ModelDirectoryException>(() => FlatForest.Read(path)).Message.ShouldContain(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Where the first entry of the right-child array sits: after it come right, leaf values and covers.</summary>
    private static int RightArrayOffset(int fileLength, FlatForest f) =>
        fileLength - (8 * f.LeafCover.Length) - 4 - (8 * f.LeafValue.Length) - 4 - (4 * f.Right.Length);
}
