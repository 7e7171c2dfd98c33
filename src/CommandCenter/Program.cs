using CommandCenter;
using CommandCenter.Core.Data;
using CommandCenter.Features.Cases;
using CommandCenter.Features.Mobile;
using CommandCenter.Features.Replay;
using CommandCenter.Features.WallControl;
using CommandCenter.Features.Work;
using CommandCenter.Live;

var builder = WebApplication.CreateBuilder(args);

builder.AddCommandCenterData();
builder.AddCommandCenterWeb();
builder.AddLiveUpdates();
builder.AddCaseWork();
builder.AddUnitWork();
builder.AddGridWorkerPhone();
builder.AddWallControl();
builder.AddReplay();

var app = builder.Build();

if (!await app.PrepareDatabaseAsync())
    return 1;

app.UseCommandCenterWeb();
app.MapWallControl();
await app.RunAsync();
return 0;

public partial class Program;
