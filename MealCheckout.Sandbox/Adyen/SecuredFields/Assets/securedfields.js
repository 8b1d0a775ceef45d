// Loaded by the merchant's page: mounts the secured card fields (one frame per field) into the
// page's containers and relays what they report. The card number and CVC never reach this page.
(() => {
  'use strict';
  const script = document.currentScript;
  const base = new URL('.', script.src);
  const providerOrigin = base.origin;
  const fieldNames = ['number', 'expiry', 'cvc'];
  let requests = 0;

  /**
   * containers: { number, expiry, cvc } elements to hold each frame.
   * options: { kind: 'card' | 'voucher', lang, titles: { number, expiry, cvc }, onChange(state) }
   * state: { fields: { number: { version, valid, error, touched, empty }, … }, brand, last4, bin, valid }
   */
  function mount(containers, options) {
    const frames = {};
    const states = {};
    const pending = new Map();

    for (const name of fieldNames) {
      const frame = document.createElement('iframe');
      const query = new URLSearchParams({ origin: location.origin, kind: options.kind || 'card', lang: options.lang || document.documentElement.lang || 'fr' });
      frame.src = new URL('frame/' + name + '?' + query, base).href;
      frame.title = options.titles[name];
      frame.className = 'secured-field-frame';
      frame.dataset.field = name;
      frame.setAttribute('allow', 'clipboard-read; clipboard-write');
      containers[name].replaceChildren(frame);
      frames[name] = frame;
    }

    const summary = () => {
      const number = states.number || {};
      return {
        fields: Object.fromEntries(fieldNames.map(n => [n, states[n] || { version: 0, valid: false, error: 'required', touched: false, empty: true }])),
        brand: number.brand || null,
        last4: number.last4 || null,
        bin: number.bin || null,
        valid: fieldNames.every(n => states[n] && states[n].valid),
      };
    };

    function onMessage(event) {
      if (event.origin !== providerOrigin) return;
      const name = fieldNames.find(n => frames[n].contentWindow === event.source);
      if (!name || !event.data || event.data.field !== name) return;
      const message = event.data;
      if (message.type === 'state') {
        states[name] = { version: message.version, valid: message.valid, error: message.error, touched: message.touched, empty: message.empty, brand: message.brand, last4: message.last4, bin: message.bin };
        options.onChange(summary());
      } else if (message.type === 'encrypted' && pending.has(message.request)) {
        pending.get(message.request)(message);
      }
    }
    window.addEventListener('message', onMessage);

    const send = (name, command) => frames[name].contentWindow.postMessage(command, providerOrigin);

    return {
      /** Each field's value encrypted now, with the brand and last four; the errors when a field is not valid. */
      async collect() {
        const answers = await Promise.all(fieldNames.map(name => new Promise((resolve, reject) => {
          const request = ++requests;
          pending.set(request, answer => {
            pending.delete(request);
            if (answer.failed) reject(new Error('The card field could not encrypt its value.'));
            else resolve(answer.values);
          });
          send(name, { type: 'encrypt', request });
        })));
        const result = summary();
        if (answers.some(a => a === null)) return { ...result, valid: false, encrypted: null };
        return { ...result, encrypted: Object.assign({}, ...answers) };
      },
      focus(name) {
        // Focus the frame first: an input focused inside a frame the page has not focused stays inactive.
        frames[name || 'number'].focus();
        send(name || 'number', { type: 'focus' });
      },
      clear(name) { (name ? [name] : fieldNames).forEach(n => send(n, { type: 'clear' })); },
      disable(disabled) { fieldNames.forEach(n => send(n, { type: 'disable', disabled })); },
      unmount() { window.removeEventListener('message', onMessage); fieldNames.forEach(n => frames[n].remove()); },
    };
  }

  window.SecuredFields = { mount };
})();
