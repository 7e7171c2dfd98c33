using System.CommandLine;
using CommandCenter.Core.Data;

namespace CommandCenter.Ingest.Cli;

public static class IngestCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("CommandCenter ingest: the HTTP ingest API and its command-line tools.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(MigrateCommand());
        root.Subcommands.Add(Geo.GeoCommand.Create());
        root.Subcommands.Add(Keys.KeysCommand.Create());
        root.Subcommands.Add(Import.ImportCommand.Create());
        root.Subcommands.Add(Simulator.SimulateCommand.Create());
        root.SetAction((_, ct) => ServeCommand.RunAsync(null, ct));
        return root;
    }

    private static Command MigrateCommand()
    {
        var migrate = new Command("migrate", "Apply the database migrations and exit.");
        migrate.SetAction(async (_, ct) =>
        {
            using var host = CliHost.Build();
            return await host.PrepareDatabaseAsync(ct) ? 0 : 1;
        });
        return migrate;
    }
}
