using System.Security.Claims;
using CommandCenter.Core.Security;
using CommandCenter.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Scorecards;

/// <summary>Publishing a 通报 happens inside the bulletin page's circuit, so it has no endpoint in the access
/// matrix: its policy is checked here, role by role.</summary>
public sealed class ScorecardPolicyTests
{
    [Theory]
    [InlineData(Roles.Leader, true, true)]
    [InlineData(Roles.Officer, true, false)]
    [InlineData(Roles.Admin, false, false)]
    [InlineData(Roles.Unit, false, false)]
    [InlineData(Roles.Worker, false, false)]
    [InlineData(Roles.Kiosk, false, false)]
    public async Task Only_leaders_may_publish_and_officers_and_leaders_may_read(string role, bool read, bool publish)
    {
        var services = new ServiceCollection().AddLogging().AddAuthorizationCore(Policies.Configure).BuildServiceProvider();
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "u"), new Claim(ClaimTypes.Role, role), new Claim(SecurityClaims.SessionId, "s1")], "test"));

        Assert.Equal(read, (await authorization.AuthorizeAsync(user, Policies.Scorecards)).Succeeded);
        Assert.Equal(publish, (await authorization.AuthorizeAsync(user, Policies.BulletinPublish)).Succeeded);
    }
}
