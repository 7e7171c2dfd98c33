// The phone's position for /m. Resolves, never rejects: the page shows why there is no position
// (refused, unavailable, timeout) and offers the worker's grids instead.
export function locate(timeoutMs) {
    return new Promise(resolve => {
        if (!("geolocation" in navigator)) {
            resolve({ ok: false, lon: 0, lat: 0, accuracy: 0, error: "unsupported" });
            return;
        }
        navigator.geolocation.getCurrentPosition(
            p => resolve({ ok: true, lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy, error: null }),
            e => resolve({ ok: false, lon: 0, lat: 0, accuracy: 0,
                error: e.code === 1 ? "denied" : e.code === 3 ? "timeout" : "unavailable" }),
            // A fix up to a minute old is good enough for a report and saves the battery and the wait.
            { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60000 });
    });
}

export function create() { return {}; }
export function dispose() { }
