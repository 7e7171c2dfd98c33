// A /hubs/live client with the official @microsoft/signalr package: prints every message it gets as one
// JSON line ({"type":"snapshot"|"delta","message":...}) until stdin closes.
//   node hub-client.mjs URL [COOKIE]   COOKIE: "name=value" of a signed-in wall screen (the hub requires one)
import * as signalR from '@microsoft/signalr';

const url = process.argv[2];
const cookie = process.argv[3];
const connection = new signalR.HubConnectionBuilder()
  .withUrl(url, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true, headers: cookie ? { Cookie: cookie } : {} })
  .configureLogging(signalR.LogLevel.Warning)
  .build();
for (const type of ['snapshot', 'delta'])
  connection.on(type, message => process.stdout.write(JSON.stringify({ type, message }) + '\n'));
await connection.start();
process.stdin.resume();
process.stdin.on('end', async () => { await connection.stop(); process.exit(0); });
