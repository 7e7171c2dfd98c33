namespace CommandCenter.BrowserTests.Infrastructure;

/// <summary>Where screenshots go: $CC_TEST_ARTIFACTS (set by test.sh) or bin/screenshots.</summary>
public static class Artifacts
{
    public static string Directory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("CC_TEST_ARTIFACTS");
            var dir = string.IsNullOrWhiteSpace(root)
                ? Path.Combine(AppContext.BaseDirectory, "screenshots")
                : Path.Combine(root, "screenshots");
            System.IO.Directory.CreateDirectory(dir);
            return dir;
        }
    }

    public static string PathFor(string name) => Path.Combine(Directory, name);
}
