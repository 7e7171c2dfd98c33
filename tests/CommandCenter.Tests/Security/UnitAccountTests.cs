using CommandCenter.Core.Admin;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Security;

/// <summary>承办单位 and 网格员 accounts: bound to a unit that exists, audited, and departments editable.</summary>
public sealed class UnitAccountTests(PostgisDatabase db) : WebAppTests(db)
{
    private UserStore Users => Web.Services.GetRequiredService<UserStore>();

    private static string Name(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 8)];

    [Fact]
    public async Task A_unit_account_is_bound_to_an_existing_unit_and_the_binding_is_audited()
    {
        var name = Name("cg");
        var id = await Users.CreateAsync(name, "城管值守", Roles.Unit, new UnitBinding("chengguan", []), "Unit-Passw0rd!x", true, AuditActor.System, default);

        var user = await Users.FindByIdAsync(id, default);
        Assert.Equal("chengguan", user!.UnitCode);
        var (audit, _) = await Web.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditQuery(Text: name), default);
        Assert.Contains(audit, a => a.Action == AuditActions.UserCreated && a.Details.Contains("chengguan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_unit_account_without_a_unit_or_with_an_unknown_one_is_refused()
    {
        var none = await Assert.ThrowsAsync<SecurityChangeException>(() =>
            Users.CreateAsync(Name("u"), "", Roles.Unit, null, "Unit-Passw0rd!x", true, AuditActor.System, default));
        var unknown = await Assert.ThrowsAsync<SecurityChangeException>(() =>
            Users.CreateAsync(Name("u"), "", Roles.Unit, new UnitBinding("no-such-unit", []), "Unit-Passw0rd!x", true, AuditActor.System, default));
        var officer = await Assert.ThrowsAsync<SecurityChangeException>(() =>
            Users.CreateAsync(Name("o"), "", Roles.Officer, new UnitBinding("chengguan", []), "Unit-Passw0rd!x", true, AuditActor.System, default));

        Assert.Contains("单位", none.Message);
        Assert.Contains("不存在", unknown.Message);
        Assert.Contains("不绑定", officer.Message);
    }

    [Fact]
    public async Task A_worker_needs_grids_and_a_role_change_to_officer_drops_the_binding()
    {
        var grid = await FirstGridAsync();
        await Assert.ThrowsAsync<SecurityChangeException>(() =>
            Users.CreateAsync(Name("w"), "", Roles.Worker, new UnitBinding("", []), "Unit-Passw0rd!x", true, AuditActor.System, default));
        var id = await Users.CreateAsync(Name("w"), "网格员甲", Roles.Worker, new UnitBinding("", [grid]), "Unit-Passw0rd!x", true, AuditActor.System, default);
        Assert.Equal(grid, (await Users.FindByIdAsync(id, default))!.UnitCode);

        await Users.ChangeAsync(id, new UserChange.SetRole(Roles.Officer), AuditActor.System, default);

        var after = await Users.FindByIdAsync(id, default);
        Assert.Null(after!.UnitCode);
        Assert.Empty(after.GridCodes);
        await Assert.ThrowsAsync<SecurityChangeException>(() => Users.ChangeAsync(id, new UserChange.SetRole(Roles.Unit), AuditActor.System, default));
    }

    [Fact]
    public async Task An_administrator_adds_renames_and_disables_a_department()
    {
        var store = Web.Services.GetRequiredService<DepartmentAdminStore>();
        var code = Name("d").ToLowerInvariant();

        await store.AddAsync(code, "自然资源" + code[^3..], AuditActor.System, default);
        await store.UpdateAsync(new DepartmentRow { Code = code, Name = "农业农村" + code[^3..], Active = false }, AuditActor.System, default);

        var row = (await store.ListAsync(default)).Single(d => d.Code == code);
        Assert.False(row.Active);
        Assert.StartsWith("农业农村", row.Name);
        await Assert.ThrowsAsync<SecurityChangeException>(() =>
            Users.CreateAsync(Name("u"), "", Roles.Unit, new UnitBinding(code, []), "Unit-Passw0rd!x", true, AuditActor.System, default));
    }

    private async Task<string> FirstGridAsync() => (await SampleData.EnsureGridsAsync(Db.DataSource, 3))[0];
}
