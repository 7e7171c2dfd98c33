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
        // The clients are asynchronous, so threads add no CPU; but a capped pool (it was 8) let every keep-alive
        // ping wait behind thousands of queued messages on a loaded machine, and at 5,000 clients the server
        // dropped most of them. So: a pool that starts at 16 and may grow (the server's figures come from its own
        // /metrics, so this process's CPU does not blur them).
        ThreadPool.SetMinThreads(16, 16);
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
            if (line == "min") Console.WriteLine(clients.Select(c => c.Last ?? -1).DefaultIfEmpty(int.MaxValue).Min()); // no clients: nothing to wait for
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
