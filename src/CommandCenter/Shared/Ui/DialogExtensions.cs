using MudBlazor;

namespace CommandCenter.Shared.Ui;

/// <summary>The one confirmation dialog of the desk pages: a question, the action's own verb on the
/// button, 取消 beside it; Esc cancels.</summary>
public static class DialogExtensions
{
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string question, string confirm) =>
        await dialogs.ShowMessageBoxAsync(title, question, yesText: confirm, cancelText: "取消",
            options: new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small }) == true;
}
