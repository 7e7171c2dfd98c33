// A /hubs/live client with the official @microsoft/signalr package: prints every message it gets as one
// JSON line ({"type":"snapshot"|"delta","message":...}) until stdin closes.
import * as signalR from '@microsoft/signalr';

const url = process.argv[2];
const connection = new signalR.HubConnectionBuilder()
  .withUrl(url, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
  .configureLogging(signalR.LogLevel.Warning)
  .build();
for (const type of ['snapshot', 'delta'])
  connection.on(type, message => process.stdout.write(JSON.stringify({ type, message }) + '\n'));
await connection.start();
process.stdin.resume();
process.stdin.on('end', async () => { await connection.stop(); process.exit(0); });
