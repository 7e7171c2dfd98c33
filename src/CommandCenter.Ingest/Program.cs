using CommandCenter.Ingest.Cli;

namespace CommandCenter.Ingest;

// One executable, several commands: `serve` (the default: the HTTP ingest API), `migrate`, and the
// tools added by later features (geo import, import, simulate). See Cli/IngestCommandLine.cs.
// Not a top-level program: the web app's test host needs the global `Program` name for itself.
public static class IngestProgram
{
    public static Task<int> Main(string[] args) => IngestCommandLine.Build().Parse(args).InvokeAsync();
}
