// Loads a classic (UMD) browser library once per page, with its stylesheet if it has one. The npm
// packages are copied to wwwroot/lib at build; components' collocated modules import this.
const loads = new Map();

export function loadScript(src, isLoaded, css) {
  if (isLoaded()) return Promise.resolve();
  if (!loads.has(src)) {
    loads.set(src, new Promise((resolve, reject) => {
      if (css) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = css;
        document.head.appendChild(link);
      }
      const s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = () => reject(new Error(`${src} could not be loaded`));
      document.head.appendChild(s);
    }));
  }
  return loads.get(src);
}
