// Keyboard shortcuts, the alert sound and the title flash for the duty screens.
// One instance per CaseKeys component: create() returns the instance the exports below act on.

const passInInputs = new Set(['Escape']);

function inEditable(target) {
    if (!target) return false;
    const tag = target.tagName;
    // Radio buttons and checkboxes take no text: digits pressed there are shortcuts (回访 1/2/3).
    if (tag === 'INPUT') return !['radio', 'checkbox', 'button', 'submit'].includes(target.type);
    return tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

let audio = null;
function unlockAudio() {
    // Browsers only allow sound after a user gesture: create/resume the context on the first key or click.
    try {
        audio ??= new AudioContext();
        if (audio.state === 'suspended') audio.resume();
    } catch { /* no audio in this browser: the highlight still shows */ }
}
document.addEventListener('keydown', unlockAudio, { capture: true });
document.addEventListener('pointerdown', unlockAudio, { capture: true });

export function create(dotnet, keys, scope) {
    const wanted = new Set(keys);
    const onKey = e => {
        if (e.ctrlKey || e.metaKey || e.altKey) {
            if (e.ctrlKey && e.key === 'Enter') { e.preventDefault(); dotnet.invokeMethodAsync('OnKey', 'Ctrl+Enter'); }
            return;
        }
        if (inEditable(e.target) && !passInInputs.has(e.key)) return;
        const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
        if (!wanted.has(key)) return;
        e.preventDefault();
        dotnet.invokeMethodAsync('OnKey', key);
    };
    document.addEventListener('keydown', onKey);
    // Lets tests (and curious people) see which screen's shortcuts are live.
    document.body.dataset.keys = scope;

    const originalTitle = document.title;
    let flashTimer = null;

    return {
        beep() {
            unlockAudio();
            if (!audio || audio.state !== 'running') return false;
            const t = audio.currentTime;
            [0, 0.25, 0.5].forEach((at, i) => {
                const osc = audio.createOscillator();
                const gain = audio.createGain();
                osc.frequency.value = i % 2 ? 660 : 990;
                gain.gain.setValueAtTime(0.0001, t + at);
                gain.gain.exponentialRampToValueAtTime(0.4, t + at + 0.02);
                gain.gain.exponentialRampToValueAtTime(0.0001, t + at + 0.2);
                osc.connect(gain).connect(audio.destination);
                osc.start(t + at);
                osc.stop(t + at + 0.22);
            });
            // How many alerts this page really played: visible to tests and to anyone checking a screen's sound.
            document.body.dataset.tones = String(Number(document.body.dataset.tones ?? 0) + 1);
            return true;
        },
        flashTitle(text) {
            clearInterval(flashTimer);
            flashTimer = null;
            if (!text) { document.title = originalTitle; return; }
            let on = false;
            flashTimer = setInterval(() => { on = !on; document.title = on ? text : originalTitle; }, 1000);
        },
        focus(selector) {
            const el = document.querySelector(selector);
            if (el) { el.focus(); if (el.select) el.select(); }
        },
        scrollIntoView(selector) {
            document.querySelector(selector)?.scrollIntoView({ block: 'nearest' });
        },
        dispose() {
            document.removeEventListener('keydown', onKey);
            if (document.body.dataset.keys === scope) delete document.body.dataset.keys;
            clearInterval(flashTimer);
            document.title = originalTitle;
        },
    };
}

export function beep(instance) { return instance.beep(); }

export function flashTitle(instance, text) { instance.flashTitle(text); }

export function focus(instance, selector) { instance.focus(selector); }

export function scrollIntoView(instance, selector) { instance.scrollIntoView(selector); }

export function dispose(instance) { instance?.dispose(); }
