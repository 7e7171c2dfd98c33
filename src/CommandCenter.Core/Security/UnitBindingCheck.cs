using Npgsql;

namespace CommandCenter.Core.Security;

/// <summary>Checks a unit binding against the units that exist. Unit codes live in three tables
/// (departments, communities, grids), so no foreign key can do it.</summary>
internal static class UnitBindingCheck
{
    /// <summary>Returns the binding to store (null for roles without one), or throws
    /// <see cref="SecurityChangeException"/> with a message for the administrator.</summary>
    public static async Task<UnitBinding?> CheckAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string role, UnitBinding? binding,
        CancellationToken ct)
    {
        if (!Roles.IsUnitRole(role))
        {
            if (binding is not null) throw new SecurityChangeException($"{Roles.Label(role)}账号不绑定承办单位");
            return null;
        }
        var grids = (binding?.GridCodes ?? []).Select(g => g.Trim()).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        // A 网格员 without an explicit team acts for the first grid they cover.
        var unit = binding?.UnitCode?.Trim() is { Length: > 0 } u ? u : role == Roles.Worker ? grids.FirstOrDefault() : null;
        if (unit is null) throw new SecurityChangeException($"{Roles.Label(role)}账号须选择所属单位");
        if (role == Roles.Worker && grids.Length == 0) throw new SecurityChangeException("网格员须至少负责一个网格");
        if (role == Roles.Unit && grids.Length > 0) throw new SecurityChangeException("承办单位账号不绑定网格，请选择单位本身");
        const string Sql = """
            SELECT EXISTS (SELECT 1 FROM departments WHERE code = @unit AND active)
                OR EXISTS (SELECT 1 FROM communities WHERE code = @unit)
                OR EXISTS (SELECT 1 FROM grids WHERE code = @unit),
                   (SELECT count(*) FROM grids WHERE code = ANY (@grids))
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.AddWithValue("unit", unit);
        cmd.Parameters.AddWithValue("grids", grids);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        if (!r.GetBoolean(0)) throw new SecurityChangeException($"单位 {unit} 不存在或已停用");
        if (r.GetInt64(1) != grids.Length) throw new SecurityChangeException("所选网格中有不存在的网格");
        return new UnitBinding(unit, grids);
    }
}
