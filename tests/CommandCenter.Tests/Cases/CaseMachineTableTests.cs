using CommandCenter.Core.Cases;
using static CommandCenter.Core.Cases.CaseStatus;

namespace CommandCenter.Tests.Cases;

/// <summary>Every command against every status: the legal ones move the case where the loop says, every
/// other one is refused with a Chinese message and changes nothing.</summary>
public sealed class CaseMachineTableTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    // A case in each status with everything the status implies, so only the status decides.
    private static CaseState In(string status) => new()
    {
        Id = 1, Status = status, GridCode = "G001", TimeLimitHours = 48, IsDispute = true,
        AssigneeCode = status is Dispatched or InProgress or Feedback or Callback ? "chengguan" : null,
        ClosedAt = status == Closed ? Now.AddHours(-1) : null,
    };

    private static readonly Dictionary<string, CaseCommand> Commands = new()
    {
        ["accept"] = new CaseCommand.Accept(),
        ["dispatch"] = new CaseCommand.Dispatch("chengguan", "城管"),
        ["start"] = new CaseCommand.Start(),
        ["return"] = new CaseCommand.Return("不属于本单位职责"),
        ["feedback"] = new CaseCommand.Feedback("已疏通"),
        ["review"] = new CaseCommand.Review(),
        ["rework"] = new CaseCommand.Rework("照片不清楚"),
        ["callback-ok"] = new CaseCommand.Callback(Satisfaction.Satisfied),
        ["callback-basic"] = new CaseCommand.Callback(Satisfaction.Basic),
        ["callback-bad"] = new CaseCommand.Callback(Satisfaction.Unsatisfied),
        ["supervise"] = new CaseCommand.Supervise(2, "请加快办理"),
        ["auto-supervise"] = new CaseCommand.AutoSupervise(1, "临近期限"),
        ["whistle"] = new CaseCommand.Whistle([new("zhujian", "住建"), new("wuye", "物业")]),
        ["merge"] = new CaseCommand.Merge(2, PrimaryStatus: Accepted),
        ["mediation-start"] = new CaseCommand.StartMediation("人民调解员", "社区"),
    };

    // (command, from) -> to. Anything not listed must be refused.
    private static readonly Dictionary<(string, string), string> Legal = new()
    {
        [("accept", Pending)] = Accepted,
        [("dispatch", Accepted)] = Dispatched,
        [("start", Dispatched)] = InProgress,
        [("return", Dispatched)] = Accepted,
        [("return", InProgress)] = Accepted,
        [("feedback", InProgress)] = Feedback,
        [("review", Feedback)] = Callback,
        [("rework", Feedback)] = InProgress,
        [("callback-ok", Callback)] = Closed,
        [("callback-basic", Callback)] = Closed,
        [("callback-bad", Callback)] = InProgress,
        [("supervise", Accepted)] = Accepted,
        [("supervise", Dispatched)] = Dispatched,
        [("supervise", InProgress)] = InProgress,
        [("supervise", Feedback)] = Feedback,
        [("supervise", Callback)] = Callback,
        [("auto-supervise", Dispatched)] = Dispatched,
        [("auto-supervise", InProgress)] = InProgress,
        [("whistle", Accepted)] = Accepted,
        [("whistle", Dispatched)] = Dispatched,
        [("whistle", InProgress)] = InProgress,
        [("merge", Pending)] = Closed,
        [("merge", Accepted)] = Closed,
        [("merge", Dispatched)] = Closed,
        [("merge", InProgress)] = Closed,
        [("merge", Feedback)] = Closed,
        [("merge", Callback)] = Closed,
        [("mediation-start", Accepted)] = Accepted,
        [("mediation-start", Dispatched)] = Dispatched,
        [("mediation-start", InProgress)] = InProgress,
    };

    public static TheoryData<string, string> EveryPair()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Commands.Keys)
            foreach (var s in All)
                data.Add(c, s);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Each_command_in_each_status_is_either_the_legal_move_or_refused_in_Chinese(string command, string from)
    {
        var before = In(from);
        var decision = CaseMachine.Decide(before, Commands[command], Now);

        if (Legal.TryGetValue((command, from), out var to))
        {
            Assert.True(decision.Allowed, $"{command} from {from} was refused: {decision.Refusal}");
            Assert.Equal(to, decision.NewState!.Status);
            Assert.Equal(Commands[command].Action, decision.Action);
        }
        else
        {
            Assert.False(decision.Allowed, $"{command} from {from} should be refused but went to {decision.NewState?.Status}");
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", decision.Refusal);
        }
    }

    [Fact]
    public void Every_action_listed_as_available_is_accepted_with_valid_arguments()
    {
        foreach (var status in All)
        {
            var s = In(status);
            foreach (var action in CaseMachine.Available(s))
            {
                var cmd = Commands.Values.FirstOrDefault(c => c.Action == action);
                if (cmd is null) continue;   // check-in / report / mediation-end need summons or a mediation first
                Assert.True(CaseMachine.Decide(s, cmd, Now).Allowed, $"{action} is offered in {status} but refused");
            }
        }
    }

    [Fact]
    public void A_merged_duplicate_refuses_every_action_and_points_to_its_primary()
    {
        var merged = In(Closed) with { MergedInto = 42 };
        foreach (var cmd in Commands.Values)
            Assert.Contains("#42", CaseMachine.Decide(merged, cmd, Now).Refusal);
        Assert.Empty(CaseMachine.Available(merged));
    }
}
