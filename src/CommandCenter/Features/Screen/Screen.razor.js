// The wall's clock and its own watchdog. The server marks stale data itself (database down), but when the
// circuit is cut nothing reaches the page, so the page also watches the heartbeat the server stamps into
// data-heartbeat and raises "数据延迟" if it stops changing for staleAfterMs.
const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

export function create(root, staleAfterMs) {
  const clock = root.querySelector('[data-test=clock]');
  const date = root.querySelector('[data-test=date]');
  let lastBeat = root.getAttribute('data-heartbeat');
  let lastBeatAt = Date.now();
  const format = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const formatDate = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
  const dayOf = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short' });
  const tick = () => {
    const now = new Date();
    if (clock) clock.textContent = format.format(now);
    if (date) {
      const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(dayOf.format(now));
      date.textContent = `${formatDate.format(now)} 星期${weekdays[wd] ?? ''}`;
    }
    const beat = root.getAttribute('data-heartbeat');
    if (beat !== lastBeat) { lastBeat = beat; lastBeatAt = Date.now(); }
    const stale = Date.now() - lastBeatAt > staleAfterMs;
    if (stale) document.documentElement.setAttribute('data-cc-stale', 'client');
    else document.documentElement.removeAttribute('data-cc-stale');
  };
  tick();
  const timer = setInterval(tick, 1000);
  return { stop: () => clearInterval(timer) };
}

export function dispose(handle) {
  handle?.stop();
}
