// The wall's heartbeat: the page itself calls the server every intervalMs, so the admin page's "online"
// means the wall's browser is running, not merely that a circuit is held open on the server.
export function create(dotnet, intervalMs) {
  const timer = setInterval(() => { dotnet.invokeMethodAsync('BeatAsync').catch(() => {}); }, intervalMs);
  return { stop: () => clearInterval(timer) };
}

export function dispose(handle) {
  handle?.stop();
}
