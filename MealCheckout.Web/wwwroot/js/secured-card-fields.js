// Mounts the payment provider's secured card fields into a card form and relays what they report
// (validity, errors, scheme, last four digits) to the Blazor component. The card number and CVC stay
// in the provider's frames; this page only ever holds them encrypted with the provider's key.
const loading = new Map();

function loadProviderScript(url) {
  if (!loading.has(url)) {
    loading.set(url, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.onload = () => resolve();
      script.onerror = () => { loading.delete(url); reject(new Error('The payment provider\'s card fields could not be loaded.')); };
      document.head.appendChild(script);
    }));
  }
  return loading.get(url);
}

/** Mounts the three fields; returns the provider's controller (collect, focus, clear, disable, unmount). */
export async function mount(scriptUrl, ids, options, component) {
  await loadProviderScript(scriptUrl);
  const containers = Object.fromEntries(Object.entries(ids).map(([field, id]) => [field, document.getElementById(id)]));
  return window.SecuredFields.mount(containers, {
    kind: options.kind,
    lang: options.lang,
    titles: options.titles,
    onChange: state => component.invokeMethodAsync('OnFieldsChanged', state),
  });
}
