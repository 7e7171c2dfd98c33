using System.Text;

namespace CommandCenter.Bench;

/// <summary>The hub-load process (`CommandCenter.Bench hub-load WEB COOKIE CLIENTS PROTOCOL`): many /hubs/live
/// connections on few threads, in a process of its own so the clients' CPU is not mistaken for the
/// server's. Driven by <see cref="LiveHubFleet"/> over stdin/stdout, one line per command:
/// "min" → the lowest 今日受理 any client has seen (-1 if one has seen nothing); "dump PATH" → every
/// client's samples into PATH, one line per client ("at:value,at:value"), then "dumped"; "stop".</summary>
public static class LiveHubLoad
{
    public const string Command = "hub-load";

    public static async Task<int> RunAsync(string[] args)
    {
        var (web, cookie, count, protocol) = (args[0], args[1], int.Parse(args[2]), args[3]);
        // Few threads: the clients are asynchronous, and a big pool would only compete with the server.
        // (8: with 4, keep-alive pings of 1,000 JSON clients ran late on a loaded machine and the server dropped a few.)
        ThreadPool.SetMinThreads(4, 4);
        ThreadPool.SetMaxThreads(8, 8);
        var clients = Enumerable.Range(0, count).Select(_ => new LiveHubSampler(web, cookie, protocol)).ToList();
        using var gate = new SemaphoreSlim(50); // connecting 5,000 at once would only queue in the accept backlog
        await Task.WhenAll(clients.Select(async c =>
        {
            await gate.WaitAsync();
            try { await c.StartAsync(CancellationToken.None); }
            finally { gate.Release(); }
        }));
        Console.WriteLine("ready");
        while (Console.ReadLine() is { } line)
        {
            if (line == "min") Console.WriteLine(clients.Min(c => c.Last ?? -1));
            else if (line.StartsWith("dump ", StringComparison.Ordinal))
            {
                await using (var w = new StreamWriter(line[5..], false, Encoding.ASCII))
                    foreach (var c in clients)
                        await w.WriteLineAsync(string.Join(',', c.Samples.Select(s => $"{s.At}:{s.Value}")));
                Console.WriteLine("dumped");
            }
            else if (line == "stop") break;
        }
        await Task.WhenAll(clients.Select(async c =>
        {
            try { await c.StopAsync(CancellationToken.None); } catch (Exception) { /* the server may be gone already */ }
            await c.DisposeAsync();
        }));
        return 0;
    }
}
