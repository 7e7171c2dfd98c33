using System.Security.Claims;
using CommandCenter.Core.Photos;
using CommandCenter.Core.Security;
using CommandCenter.Security;

namespace CommandCenter.Features.Photos;

/// <summary>Who may see a case's photos: 值班员 and 领导 every case's; a 承办单位 only those of cases
/// dispatched or summoned (吹哨) to its unit; a 网格员 those of cases dispatched to their team or lying in their grids (they
/// report them). Wall screens never: photos show residents' homes and faces, and the wall is in a room
/// full of visitors (the policy already refuses kiosks; this is the per-case half).</summary>
public sealed class PhotoAccess(SignedInUnit units)
{
    public async Task<bool> MaySeeAsync(ClaimsPrincipal user, PhotoContent photo, CancellationToken ct)
    {
        if (user.IsInRole(Roles.Officer) || user.IsInRole(Roles.Leader)) return true;
        if (await units.FindAsync(user, ct) is not { } unit) return false;
        var scope = unit.Binding.Scope;
        // The same rule as /work (UnitCases.IsUnits): dispatched to the unit, or the unit was summoned.
        if (photo.AssigneeCode is { } assignee && scope.Contains(assignee) || photo.SummonedCodes.Any(scope.Contains)) return true;
        return user.IsInRole(Roles.Worker) && photo.GridCode is { } grid && unit.Binding.GridCodes.Contains(grid);
    }
}
