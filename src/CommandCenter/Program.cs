using CommandCenter;
using CommandCenter.Core.Data;
using CommandCenter.Features.Cases;
using CommandCenter.Features.Mobile;
using CommandCenter.Features.Work;
using CommandCenter.Live;

var builder = WebApplication.CreateBuilder(args);

builder.AddCommandCenterData();
builder.AddCommandCenterWeb();
builder.AddLiveUpdates();
builder.AddCaseWork();
builder.AddUnitWork();
builder.AddGridWorkerPhone();

var app = builder.Build();

if (!await app.PrepareDatabaseAsync())
    return 1;

app.UseCommandCenterWeb();
await app.RunAsync();
return 0;

public partial class Program;
