namespace CommandCenter.Bench;

/// <summary>What `./bench.sh live` runs: the apps' addresses, the ingest key, the grid points incidents
/// are placed on, the wall screens' cookie ("cc.auth=..."), and the load of the two phases. <see cref="ClientsNice"/>:
/// the nice value the load's clients (Chromium walls, the hub-load process) run at, so on a machine shared with the
/// server they take the CPU the server leaves, as they would on their own PCs (0: the same priority as the server).</summary>
public sealed record LiveLoadOptions(
    string RunId, string Web, string Ingest, string Key, IReadOnlyList<(double Lon, double Lat)> Points, string KioskCookie,
    int Rate, int Seconds, int Burst, int Walls, int HubClients, int FanoutRate, int FanoutSeconds, string HubProtocol = "json", int HoldSeconds = 0, int MaxInFlight = 32, int HeapSettleSeconds = 25,
    int ClientsNice = 10);
