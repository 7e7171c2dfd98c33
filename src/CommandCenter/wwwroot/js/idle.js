// Idle timeout support. A person working inside a Blazor circuit makes no HTTP requests, so the server
// cannot tell working from away. Real input (keys, pointer, wheel, touch) marks the page active, and at
// most once a minute the page tells the server so; a screen left open with only live updates flowing
// is idle and its session ends after the timeout (SecurityOptions.IdleTimeoutMinutes).
(() => {
    let active = false;
    const mark = () => { active = true; };
    for (const type of ['keydown', 'pointerdown', 'wheel', 'touchstart']) {
        addEventListener(type, mark, { passive: true, capture: true });
    }
    setInterval(async () => {
        if (!active) return;
        active = false;
        try {
            const response = await fetch('account/activity', { method: 'POST', credentials: 'same-origin' });
            if (response.status === 401) location.reload();
        } catch {
            // offline for a moment: the next interval tries again
        }
    }, 60000);
})();
