using System.Net;
using CommandCenter.Core.Photos;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;

namespace CommandCenter.Tests.Photos;

/// <summary>Photos stored in PostgreSQL and served by the web app: what comes back carries no EXIF and
/// no GPS, the per-case limit holds, and only people who may read the case get the bytes.</summary>
public sealed class PhotoStorageTests(PostgisDatabase db) : WebAppTests(db)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Exif_gps_is_gone_after_upload()
    {
        var upload = TestImages.Jpeg(1200, 900, withGps: true);
        using (var original = Image.Load(upload))
            Assert.NotNull(original.Metadata.ExifProfile?.GetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLatitude));
        var caseId = await NewCaseAsync();
        var photoId = (await UploadAsync(caseId, upload))[0];

        var officer = await Web.LoginAsAsync(Roles.Officer);
        using var response = await officer.GetAsync($"/photos/{photoId}");
        var served = await response.Content.ReadAsByteArrayAsync();
        using var thumbResponse = await officer.GetAsync($"/photos/{photoId}/thumb");
        var thumb = await thumbResponse.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        foreach (var bytes in new[] { served, thumb })
        {
            using var image = Image.Load(bytes);
            Assert.Null(image.Metadata.ExifProfile);
            Assert.Null(image.Metadata.XmpProfile);
            var text = System.Text.Encoding.Latin1.GetString(bytes);
            Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
            Assert.DoesNotContain("TestPhone", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_case_holds_at_most_six_photos_and_a_seventh_is_refused_as_a_whole()
    {
        var caseId = await NewCaseAsync();
        await UploadAsync(caseId, [.. Enumerable.Range(0, 5).Select(_ => TestImages.Jpeg(64, 48))]);
        var store = Web.Services.GetRequiredService<PhotoStore>();
        var processed = await ProcessAsync(TestImages.Jpeg(64, 48), TestImages.Jpeg(64, 48));

        var refused = await store.AddAsync(caseId, processed, "网格员甲（gw1）", None);

        Assert.False(refused.Stored);
        Assert.Equal("每件事件最多 6 张照片，已有 5 张，本次 2 张", refused.Refusal);
        Assert.Equal(5, (await store.ListAsync(caseId, None)).Count);
    }

    [Fact]
    public async Task Wall_screens_and_anonymous_visitors_never_get_a_photo()
    {
        var photoId = (await UploadAsync(await NewCaseAsync(), TestImages.Jpeg()))[0];
        var (kiosk, _) = await Web.KioskAsync();
        kiosk.DefaultRequestHeaders.Accept.Clear();
        kiosk.DefaultRequestHeaders.Accept.ParseAdd("image/*");
        var anonymous = Web.CreateClient();
        anonymous.DefaultRequestHeaders.Accept.Clear();
        anonymous.DefaultRequestHeaders.Accept.ParseAdd("image/*");
        var leader = await Web.LoginAsAsync(Roles.Leader);

        Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.GetAsync($"/photos/{photoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/photos/{photoId}/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/photos/{photoId}/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/photos/{photoId + 1000}")).StatusCode);
    }

    [Fact]
    public async Task A_unit_sees_the_photos_of_its_own_cases_only_and_a_worker_also_those_of_its_grids()
    {
        var grids = await SampleData.EnsureGridsAsync(Db.DataSource, 3);
        var ours = await PhotoFixtures.AttachAsync(Web.Services, Db.DataSource, await NewCaseAsync(), "chengguan");
        var theirs = await PhotoFixtures.AttachAsync(Web.Services, Db.DataSource, await NewCaseAsync(), "zhujian");
        var inGrid = (await SampleData.AddCasesAsync(Db.DataSource, [new CaseSpec(DateTimeOffset.UtcNow) { Grid = grids[1] }]))[0];
        var inGridPhoto = await PhotoFixtures.AttachAsync(Web.Services, Db.DataSource, inGrid, null);
        var unit = await LoginAsync(Roles.Unit, "chengguan", []);
        var worker = await LoginAsync(Roles.Worker, grids[0], [grids[0], grids[1]]);

        Assert.Equal(HttpStatusCode.OK, (await unit.GetAsync($"/photos/{ours}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"/photos/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.GetAsync($"/photos/{inGridPhoto}/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/photos/{inGridPhoto}/thumb")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/photos/{theirs}")).StatusCode);
    }

    private async Task<HttpClient> LoginAsync(string role, string unit, string[] grids)
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, role, unitCode: unit, gridCodes: grids);
        var client = await Web.LoginAsync(user.UserName, user.Password);
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd("image/*");
        return client;
    }

    private async Task<long> NewCaseAsync() =>
        (await SampleData.AddCasesAsync(Db.DataSource, [new CaseSpec(DateTimeOffset.UtcNow)]))[0];

    private async Task<IReadOnlyList<long>> UploadAsync(long caseId, params byte[][] uploads)
    {
        var result = await Web.Services.GetRequiredService<PhotoStore>().AddAsync(caseId, await ProcessAsync(uploads), "网格员甲（gw1）", None);
        Assert.True(result.Stored, result.Refusal);
        return result.Ids;
    }

    private async Task<IReadOnlyList<ProcessedPhoto>> ProcessAsync(params byte[][] uploads)
    {
        var processor = Web.Services.GetRequiredService<PhotoProcessor>();
        var list = new List<ProcessedPhoto>();
        foreach (var u in uploads)
        {
            var check = await processor.CheckAsync("photo.jpg", u, None);
            Assert.True(check.Accepted, check.Reason);
            list.Add(check.Photo!);
        }
        return list;
    }
}
