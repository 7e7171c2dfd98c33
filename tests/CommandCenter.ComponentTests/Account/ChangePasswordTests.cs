using System.Security.Claims;
using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Security;
using CommandCenter.Features.Account;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace CommandCenter.ComponentTests.Account;

public sealed class ChangePasswordTests : MudTest, IClassFixture<PostgisDatabase>
{
    public ChangePasswordTests(PostgisDatabase db) => Ctx.AddCommandCenter(db.DataSource, Clocks.Fixed());

    private IRenderedComponent<ChangePassword> Open(bool mustChange)
    {
        List<Claim> claims = [new(ClaimTypes.Name, "zhang"), new(SecurityClaims.SubjectId, "1"), new(SecurityClaims.Kind, SecurityClaims.PersonKind)];
        if (mustChange) claims.Add(new(SecurityClaims.MustChangePassword, "1"));
        var http = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) };
        return Ctx.Render<ChangePassword>(p => p.AddCascadingValue<HttpContext>(http));
    }

    [Fact]
    public void The_form_has_the_three_password_fields_and_the_policy()
    {
        var cut = Open(mustChange: false);

        Assert.Equal(["current-password", "new-password", "new-password"],
            cut.FindAll("input[type=password]").Select(i => i.GetAttribute("autocomplete")).ToList());
        Assert.Contains($"至少 {PasswordPolicy.MinLength} 位", cut.Find(".account-hint").TextContent);
        Assert.NotNull(cut.Find("a[href='/']"));
    }

    [Fact]
    public void A_one_time_password_asks_for_a_new_one_and_offers_no_way_back()
    {
        var cut = Open(mustChange: true);

        Assert.Equal("这是一次性密码，请先设置您自己的密码。", cut.Find(".account-notice").TextContent);
        Assert.Empty(cut.FindAll("a[href='/']"));
    }

    [Fact]
    public void Two_different_new_passwords_are_refused_in_Chinese()
    {
        var cut = Open(mustChange: false);
        cut.Find("#current").Change(TestUsers.Password);
        cut.Find("#replacement").Change("New-Passw0rd-1!");
        cut.Find("#confirm").Change("New-Passw0rd-2!");

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("两次输入的新密码不一致。", cut.Find(".account-error").TextContent));
    }
}
