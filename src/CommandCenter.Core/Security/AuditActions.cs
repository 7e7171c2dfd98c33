namespace CommandCenter.Core.Security;

/// <summary>The audit log's action codes, with the Chinese label the audit page shows. Other features
/// add theirs here so the audit page can name them.</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "login.success";
    public const string LoginFailed = "login.failure";
    public const string LoginLockedOut = "login.locked";
    public const string Logout = "logout";
    public const string SessionEnded = "session.ended";
    public const string PasswordChanged = "password.change";
    public const string KioskSignIn = "kiosk.signin";
    public const string KioskRejected = "kiosk.rejected";
    public const string KioskCreated = "kiosk.create";
    public const string KioskRevoked = "kiosk.revoke";
    public const string UserCreated = "user.create";
    public const string UserRoleChanged = "user.role";
    public const string UserDisabled = "user.disable";
    public const string UserEnabled = "user.enable";
    public const string UserUnlocked = "user.unlock";
    public const string UserPasswordReset = "user.password-reset";
    public const string AdminInitialized = "admin.init";
    public const string CategoryChanged = "category.update";
    public const string PersonalDataViewed = "personal-data.view";
    public const string CaseAction = "case.action";
    public const string ApiKeyCreated = "apikey.create";
    public const string ApiKeyRevoked = "apikey.revoke";
    public const string GridImported = "grid.import";
    public const string AccessDenied = "access.denied";
    public const string UserBound = "user.bind";
    public const string DepartmentChanged = "department.update";
    public const string NoticeRead = "notice.read";
    public const string DataExported = "data.export";
    public const string DutyChanged = "duty.update";
    public const string HandoverSigned = "handover.sign";
    public const string HandoverAccepted = "handover.accept";
    public const string RosterImported = "roster.import";
    public const string ScorecardSaved = "scorecard.save";
    public const string BulletinPublished = "bulletin.publish";
    public const string WallCommandSent = "wall.command";
    public const string WallCommandReleased = "wall.release";
    public const string WallCommandRefused = "wall.refused";
    public const string CampaignCreated = "campaign.create";
    public const string CampaignEnded = "campaign.end";
    public const string CampaignOnWall = "campaign.wall";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [LoginSucceeded] = "登录成功",
        [LoginFailed] = "登录失败",
        [LoginLockedOut] = "账号锁定",
        [Logout] = "退出登录",
        [SessionEnded] = "会话结束",
        [PasswordChanged] = "修改密码",
        [KioskSignIn] = "大屏登录",
        [KioskRejected] = "大屏链接无效",
        [KioskCreated] = "创建大屏凭证",
        [KioskRevoked] = "撤销大屏凭证",
        [UserCreated] = "创建用户",
        [UserRoleChanged] = "变更角色",
        [UserDisabled] = "停用用户",
        [UserEnabled] = "启用用户",
        [UserUnlocked] = "解除锁定",
        [UserPasswordReset] = "重置密码",
        [AdminInitialized] = "初始化管理员",
        [CategoryChanged] = "修改分类/时限",
        [PersonalDataViewed] = "查看个人信息",
        [CaseAction] = "事件操作",
        [ApiKeyCreated] = "创建接口密钥",
        [ApiKeyRevoked] = "撤销接口密钥",
        [GridImported] = "导入网格",
        [AccessDenied] = "越权访问",
        [UserBound] = "绑定承办单位",
        [DepartmentChanged] = "修改部门",
        [DataExported] = "导出数据",
        [DutyChanged] = "修改值班表",
        [HandoverSigned] = "交班签字",
        [HandoverAccepted] = "接班签字",
        [RosterImported] = "导入网格员名册",
        [NoticeRead] = "阅读通知",
        [ScorecardSaved] = "修改考核细则",
        [BulletinPublished] = "发布月度通报",
        [WallCommandSent] = "大屏指令",
        [WallCommandReleased] = "解除大屏指令",
        [WallCommandRefused] = "大屏指令被拒",
        [CampaignCreated] = "创建专项任务",
        [CampaignEnded] = "结束专项任务",
        [CampaignOnWall] = "专项任务上大屏",
    };

    public static string Label(string action) => Labels.TryGetValue(action, out var label) ? label : action;
}
