using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace CommandCenter.Security;

/// <summary>The data-protection key ring in PostgreSQL (table <c>data_protection_keys</c>), so all web
/// nodes share it and cookies outlive a restart. The framework's interface is synchronous; it is called
/// rarely (start-up and key rotation every 90 days).</summary>
public sealed class DataProtectionKeyStore(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var cmd = db.CreateCommand("SELECT xml FROM data_protection_keys ORDER BY created_at");
        using var r = cmd.ExecuteReader();
        var keys = new List<XElement>();
        while (r.Read()) keys.Add(XElement.Parse(r.GetString(0)));
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var cmd = db.CreateCommand("INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING");
        cmd.Parameters.AddWithValue("name", friendlyName);
        cmd.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        cmd.ExecuteNonQuery();
    }
}
