using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Ingest;
using CommandCenter.Features.Admin;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.ComponentTests.Admin;

public sealed class ApiKeysTests(PostgisDatabase db) : AdminTest(db)
{
    private Task<IReadOnlyList<ApiKeyStore.KeyInfo>> StoredAsync() =>
        Ctx.Services.GetRequiredService<ApiKeyStore>().ListAsync(CancellationToken.None);

    [Theory]
    [InlineData("Grid App")]
    [InlineData("")]
    public async Task An_invalid_source_is_refused_in_Chinese_and_creates_no_key(string source)
    {
        var before = (await StoredAsync()).Count;
        var cut = Ctx.Render<ApiKeys>();
        cut.Find("input[name=key-source]").Change(source);

        cut.Find("[data-testid=create-key]").Click();

        cut.WaitForAssertion(() => Assert.Equal("来源须为 1–50 位小写字母、数字或 . _ -", cut.Find("[data-testid=admin-message]").TextContent.Trim()));
        Assert.Contains("mud-alert-outlined-error", cut.Find("[data-testid=admin-message]").ClassList);
        Assert.Empty(cut.FindAll("[data-testid=admin-secret]"));
        Assert.Equal(before, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task Creating_a_key_shows_it_once_and_lists_only_its_prefix()
    {
        var source = Unique("hotline-");
        var cut = Ctx.Render<ApiKeys>();
        cut.Find("input[name=key-source]").Change(source);
        cut.Find("input[name=key-label]").Change("12345 热线");

        cut.Find("[data-testid=create-key]").Click();

        cut.WaitForAssertion(() => Assert.Contains($"已为来源 {source} 创建密钥 #", cut.Find("[data-testid=admin-message]").TextContent));
        var key = cut.Find("[data-testid=admin-secret]").TextContent;
        var stored = (await StoredAsync()).Single(k => k.Source == source);
        Assert.StartsWith(stored.Prefix, key);
        Assert.Contains($"{stored.Prefix}…", cut.Row(source).TextContent);
        Assert.DoesNotContain(key, cut.Row(source).TextContent);
    }
}
