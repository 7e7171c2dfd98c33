// Starts Blazor with a reconnection policy for unattended screens (design invariant 7): never a dialog
// that needs a click. A lost circuit is retried quietly; if the server no longer knows the circuit (it
// restarted) or stays away, the page reloads itself — but only once the page is being served again, so
// a wall never ends up on the browser's own "site can't be reached" page.
(() => {
  const delay = ms => new Promise(resolve => setTimeout(resolve, ms));
  const quickRetries = 10;   // every 500 ms: rides out a brief network or server hiccup
  const slowRetries = 20;    // then every 2 s
  let down = false;

  function banner(text) {
    let el = document.getElementById('cc-reconnect');
    if (!el) {
      el = document.createElement('div');
      el.id = 'cc-reconnect';
      el.setAttribute('data-test', 'reconnecting');
      el.setAttribute('role', 'status');
      document.body.appendChild(el);
    }
    el.textContent = text;
    el.hidden = !text;
  }

  async function reloadWhenServed() {
    banner('服务重启中，恢复后自动刷新…');
    for (;;) {
      try {
        const response = await fetch(location.href, { cache: 'no-store' });
        if (response.ok) { location.reload(); return; }
      } catch { /* still unreachable */ }
      await delay(1000);
    }
  }

  async function onConnectionDown() {
    if (down) return;
    down = true;
    banner('连接中断，正在重新连接…');
    for (let attempt = 0; attempt < quickRetries + slowRetries && down; attempt++) {
      await delay(attempt < quickRetries ? 500 : 2000);
      if (!down) return;
      try {
        if (await Blazor.reconnect()) { down = false; banner(''); return; }
        break; // reached the server, but it has no such circuit: a reload gives a fresh one
      } catch { /* server unreachable: keep trying */ }
    }
    await reloadWhenServed();
  }

  function onConnectionUp() {
    down = false;
    banner('');
  }

  Blazor.start({ circuit: { reconnectionHandler: { onConnectionDown, onConnectionUp } } });
})();
