using CommandCenter.Core.Photos;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace CommandCenter.Features.Photos;

/// <summary>A photo picked in a form and already checked and re-encoded, waiting for the form to be sent.</summary>
public sealed record PickedPhoto(string Name, ProcessedPhoto Photo)
{
    /// <summary>The re-encoded thumbnail as a data URL: the preview shows what will be stored, not the upload.</summary>
    public string Preview { get; } = "data:image/jpeg;base64," + Convert.ToBase64String(Photo.Thumb);
}

/// <summary>Reads the files a person picked in a circuit (the phone page's report, a unit's 反馈) and checks
/// each through <see cref="PhotoProcessor"/>: one bad or broken-off file is named with its reason and the
/// others are kept, so a form never loses what was typed or picked before.</summary>
public sealed class PhotoIntake(PhotoProcessor processor, IOptions<PhotoOptions> options)
{
    public int MaxPerCase => options.Value.MaxPerCase;

    /// <summary>Adds the acceptable ones of <paramref name="files"/> to <paramref name="picked"/> (up to the per-case
    /// limit) and returns a Chinese problem line per refused file.</summary>
    public async Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<IBrowserFile> files, List<PickedPhoto> picked, CancellationToken ct)
    {
        var limits = options.Value;
        var problems = new List<string>();
        foreach (var file in files)
        {
            if (picked.Count >= limits.MaxPerCase)
            {
                problems.Add($"{file.Name}：每件事件最多 {limits.MaxPerCase} 张照片");
                continue;
            }
            if (file.Size > limits.MaxBytes)
            {
                problems.Add($"{file.Name}：文件超过单张 {limits.MaxBytes / 1024 / 1024} MB 的上限");
                continue;
            }
            using var ms = new MemoryStream((int)file.Size);
            try
            {
                await using var s = file.OpenReadStream(limits.MaxBytes, ct);
                await s.CopyToAsync(ms, ct);
            }
            catch (IOException)
            {
                // The upload broke off (a phone losing the network mid-file): that file only, the form stays.
                problems.Add($"{file.Name}：传输中断，请重新选择这张照片");
                continue;
            }
            var check = await processor.CheckAsync(file.Name, ms.GetBuffer().AsMemory(0, (int)ms.Length), ct);
            if (check.Photo is { } p) picked.Add(new PickedPhoto(file.Name, p));
            else problems.Add($"{file.Name}：{check.Reason}");
        }
        return problems;
    }
}
