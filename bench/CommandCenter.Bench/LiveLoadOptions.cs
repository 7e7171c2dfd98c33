namespace CommandCenter.Bench;

/// <summary>What `./bench.sh live` runs: the apps' addresses, the ingest key, the grid points incidents
/// are placed on, the wall screens' cookie ("cc.auth=..."), and the load of the two phases.</summary>
public sealed record LiveLoadOptions(
    string RunId, string Web, string Ingest, string Key, IReadOnlyList<(double Lon, double Lat)> Points, string KioskCookie,
    int Rate, int Seconds, int Burst, int Walls, int HubClients, int FanoutRate, int FanoutSeconds, string HubProtocol = "json", int HoldSeconds = 0, int MaxInFlight = 32, int HeapSettleSeconds = 25);
