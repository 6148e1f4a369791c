using System.Diagnostics;
using System.Globalization;
using Parley.Modules.Care;
using Parley.Modules.Care.Contracts;
using Parley.Modules.Care.Model;
using Parley.Modules.Care.Training;

// parley-care-bench <csv with a text column> [messages to time, default 5000] [model directory]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Parley.CareBench <csv with a 'text' column> [messages to time] [model directory]");
    return 2;
}

var texts = CareCsv.ReadTable(args[0], "text").Select(r => r.Field("text")).ToArray();
var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
var classifier = args.Length > 2 ? new CareClassifier(CareModel.Load(args[2])) : CareClassifier.Default();

// Warm-up: every text once, so tiered JIT has reached its optimised code before anything is timed.
foreach (var text in texts)
{
    classifier.Classify(new CareText(text));
}

var latencies = new double[count];
var process = Process.GetCurrentProcess();
process.Refresh();
var cpuBefore = process.TotalProcessorTime;
var wall = Stopwatch.StartNew();
for (var i = 0; i < count; i++)
{
    var started = Stopwatch.GetTimestamp();
    classifier.Classify(new CareText(texts[i % texts.Length]));
    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}

wall.Stop();
process.Refresh();
var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
Array.Sort(latencies);
double Percentile(double p) => latencies[Math.Min(count - 1, (int)Math.Ceiling(p * count) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{classifier.ModelVersion}: {count} messages ({texts.Length} distinct, mean {texts.Average(t => t.Length):0} chars), one at a time, every stage on"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"latency ms  p50 {Percentile(0.50):0.000}  p95 {Percentile(0.95):0.000}  p99 {Percentile(0.99):0.000}  max {latencies[^1]:0.000}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"throughput  {count / wall.Elapsed.TotalSeconds:#,0} messages/s wall  {count / cpu:#,0} per CPU-second  ({1000 * cpu / count:0.000} ms CPU a message)"));
return 0;
