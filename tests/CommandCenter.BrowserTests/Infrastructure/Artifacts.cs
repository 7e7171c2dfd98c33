namespace CommandCenter.BrowserTests.Infrastructure;

/// <summary>Where screenshots and app logs go: under $CC_TEST_ARTIFACTS (set by test.sh) or bin/.</summary>
public static class Artifacts
{
    public static string Directory => Folder("screenshots");

    public static string PathFor(string name) => Path.Combine(Directory, name);

    /// <summary>Where an app's log goes when its test class ends: a `logs` folder beside the screenshots.</summary>
    public static string LogPathFor(string name) => Path.Combine(Folder("logs"), name);

    private static string Folder(string name)
    {
        var root = Environment.GetEnvironmentVariable("CC_TEST_ARTIFACTS");
        var dir = Path.Combine(string.IsNullOrWhiteSpace(root) ? AppContext.BaseDirectory : root, name);
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }
}
