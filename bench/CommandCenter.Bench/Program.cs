using System.Text.Json;
using CommandCenter.Bench;

// ./bench.sh NAME [--key value ...]: progress goes to stderr, the figures as one JSON line to stdout.
var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name)
    .ToList();

if (args.Length == 0 || args[0] is "--list" or "-h" or "--help")
{
    foreach (var b in benchmarks) Console.WriteLine($"{b.Name,-10} {b.Description}");
    return args.Length == 0 ? 2 : 0;
}

// The live benchmark's hub clients run in a process of their own (LiveHubFleet starts it).
if (args[0] == LiveHubLoad.Command) return await LiveHubLoad.RunAsync(args[1..]);

var bench = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (bench is null)
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'; known: {string.Join(", ", benchmarks.Select(b => b.Name))}");
    return 2;
}

var options = new Dictionary<string, string>();
for (var i = 1; i + 1 < args.Length; i += 2) options[args[i].TrimStart('-')] = args[i + 1];
var admin = Environment.GetEnvironmentVariable("CC_BENCH_PG")
    ?? throw new InvalidOperationException("CC_BENCH_PG is not set: run benchmarks through ./bench.sh");
var root = Directory.GetCurrentDirectory();
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

var figures = new Dictionary<string, object?> { ["benchmark"] = bench.Name, ["machine_cores"] = Environment.ProcessorCount };
foreach (var (k, v) in await bench.RunAsync(new BenchContext(options, root, admin), cts.Token)) figures[k] = v;
Console.WriteLine(JsonSerializer.Serialize(figures));
return 0;
