namespace CommandCenter.Core.Cases;

/// <summary>Action codes written to <c>case_events.action</c> and to the change log's
/// <c>"action"</c>, with their Chinese labels for the timeline.</summary>
public static class CaseActionKind
{
    public const string Register = "register";
    public const string Accept = "accept";
    public const string Dispatch = "dispatch";
    public const string Start = "start";
    public const string Return = "return";
    public const string Feedback = "feedback";
    public const string Review = "review";
    public const string Rework = "rework";
    public const string Callback = "callback";
    public const string Supervise = "supervise";
    public const string AutoSupervise = "auto-supervise";
    public const string Whistle = "whistle";
    public const string CheckIn = "check-in";
    public const string Report = "report";
    public const string Merge = "merge";
    public const string MediationStart = "mediation-start";
    public const string MediationEnd = "mediation-end";
    /// <summary>催办: an officer chases the unit; no status change, a notice to the unit.</summary>
    public const string Urge = "urge";
    // Timeline lines made from the notices table (not case_events): a notice sent, a notice read.
    public const string Notice = "notice";
    public const string NoticeRead = "notice-read";
    // Written by ingest (IncidentWriter) when a source system sends or updates a case.
    public const string Ingested = "ingested";
    public const string SourceUpdate = "source-update";
    // Photos attached to a case (Core/Photos): no status change, but on the timeline and in the audit log.
    public const string Photo = "photo";
    // A leader's acts (Features/Leaders): no status change; notices to the unit (and, for 批示, to the center).
    public const string Instruct = "instruct";
    public const string TakeCharge = "take-charge";
    // 纠风办 handling record (交办 / 处理结果 / 问责) entered by an officer (Core/Jfb): no status change.
    public const string JfbRecord = "jfb-record";

    private static readonly Dictionary<string, string> Labels = new()
    {
        [Register] = "登记",
        [Accept] = "受理",
        [Dispatch] = "分流",
        [Start] = "签收处置",
        [Return] = "退回",
        [Feedback] = "反馈",
        [Review] = "审核转回访",
        [Rework] = "驳回重办",
        [Callback] = "回访",
        [Supervise] = "督办",
        [AutoSupervise] = "自动督办",
        [Whistle] = "吹哨",
        [CheckIn] = "部门报到",
        [Report] = "部门报告",
        [Merge] = "合并重复件",
        [MediationStart] = "发起调解",
        [MediationEnd] = "调解结案",
        [Urge] = "催办",
        [Notice] = "通知",
        [NoticeRead] = "通知已阅",
        [Ingested] = "接入",
        [SourceUpdate] = "来源系统更新",
        [Photo] = "上传照片",
        [Instruct] = "领导批示",
        [TakeCharge] = "领导包案",
        [JfbRecord] = "纠风办处理记录",
    };

    public static string Label(string action) => Labels.GetValueOrDefault(action, action);
}
