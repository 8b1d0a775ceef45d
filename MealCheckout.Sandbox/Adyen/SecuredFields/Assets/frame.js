// One secured card field. The typed value stays in this frame: the page that frames it only learns
// whether it is valid, which error it has, the card's scheme and last four digits, and, when it asks,
// the value encrypted with the provider's public key (JWE: RSA-OAEP-256 wrapping an A256GCM key).
(() => {
  'use strict';
  const body = document.body;
  const field = body.dataset.field;
  const voucher = body.dataset.kind === 'voucher';
  const parentOrigin = body.dataset.parentOrigin;
  const input = document.getElementById('field');
  const marks = document.getElementById('marks');
  let touched = false;
  let version = 0; // counts changes of the value, so the page can tell an edit from a blur
  let clockOffset = 0;
  let focusWhenEnabled = false;

  // The key, and the provider's clock: the generation time is in the provider's time, whatever this computer's clock says.
  // A key that failed to load (the provider busy when the frame opened) is asked for again when it is needed.
  const loadKey = () => fetch('../key', { credentials: 'omit' }).then(r => r.json()).then(async answer => {
    clockOffset = Date.parse(answer.now) - Date.now();
    return { kid: answer.key.kid, key: await crypto.subtle.importKey('jwk', answer.key, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']) };
  });
  let keyReady = loadKey();
  keyReady.catch(() => { keyReady = null; });

  const now = () => new Date(Date.now() + clockOffset);
  const digits = () => input.value.replace(/\D/g, '');

  function luhn(number) {
    let sum = 0;
    for (let i = 0; i < number.length; i++) {
      let d = number.charCodeAt(number.length - 1 - i) - 48;
      if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
      sum += d;
    }
    return sum % 10 === 0;
  }

  // Cartes Bancaires cards are co-badged with Visa or Mastercard; 497x is the French Visa/CB range.
  function scheme(number) {
    if (voucher) return null;
    if (/^497/.test(number)) return 'cb';
    if (/^4/.test(number)) return 'visa';
    if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(number)) return 'mc';
    return null;
  }

  function expiry() {
    const m = /^(\d{2})\/(\d{2})$/.exec(input.value);
    return m ? { month: m[1], year: '20' + m[2] } : null;
  }

  function error() {
    const value = digits();
    if (value.length === 0) return 'required';
    if (field === 'number') return value.length >= 12 && value.length <= 19 && luhn(value) ? null : 'invalid';
    if (field === 'cvc') return /^\d{3,4}$/.test(input.value) ? null : 'invalid';
    const e = expiry();
    if (!e || +e.month < 1 || +e.month > 12) return 'invalid';
    const today = now();
    const endOfMonth = new Date(Date.UTC(+e.year, +e.month, 1));
    return endOfMonth <= today ? 'expired' : null;
  }

  function state() {
    const problem = error();
    const number = field === 'number' ? digits() : '';
    return {
      type: 'state', field, version, touched, empty: digits().length === 0, valid: problem === null, error: problem,
      brand: field === 'number' ? scheme(number) : null,
      last4: field === 'number' && problem === null ? number.slice(-4) : null,
      // The first six digits (the BIN) say whether it is a first-generation meal-voucher card; PCI DSS lets them be shown.
      bin: field === 'number' && problem === null ? number.slice(0, 6) : null,
    };
  }

  function post(message) { window.parent.postMessage(message, parentOrigin); }

  // Groups the number by four and the expiry as MM/YY while keeping the caret after the same digit.
  function format() {
    const caretDigits = input.value.slice(0, input.selectionStart ?? input.value.length).replace(/\D/g, '').length;
    let value = digits();
    if (field === 'number') value = value.slice(0, 19).replace(/(\d{4})(?=\d)/g, '$1 ');
    else if (field === 'expiry') value = value.slice(0, 4).replace(/^(\d{2})(\d)/, '$1/$2');
    else value = value.slice(0, 4);
    input.value = value;
    let caret = 0;
    for (let seen = 0; caret < value.length && seen < caretDigits; caret++) if (/\d/.test(value[caret])) seen++;
    input.setSelectionRange(caret, caret);
  }

  function showMarks(brand) {
    const shown = brand === 'cb' ? ['cb', 'visa'] : brand ? [brand] : [];
    if (marks.dataset.shown === shown.join()) return;
    marks.dataset.shown = shown.join();
    marks.replaceChildren(...shown.map(name => {
      const img = document.createElement('img');
      img.src = '../marks/' + name + '.svg';
      img.alt = { visa: 'Visa', mc: 'Mastercard', cb: 'CB' }[name];
      img.width = 32; img.height = 20;
      return img;
    }));
  }

  function report() {
    const s = state();
    if (field === 'number') showMarks(s.brand);
    input.setAttribute('aria-invalid', touched && !s.valid ? 'true' : 'false');
    post(s);
  }

  const b64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const utf8 = text => new TextEncoder().encode(text);

  async function encrypt(name, value) {
    const { kid, key } = await (keyReady ??= loadKey());
    const header = b64url(utf8(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid })));
    const cek = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const payload = utf8(JSON.stringify({ [name]: value, generationtime: now().toISOString() }));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: utf8(header), tagLength: 128 }, cek, payload));
    const wrapped = await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, key, await crypto.subtle.exportKey('raw', cek));
    return [header, b64url(wrapped), b64url(iv), b64url(sealed.slice(0, -16)), b64url(sealed.slice(-16))].join('.');
  }

  async function encrypted() {
    if (field === 'number') return { encryptedCardNumber: await encrypt('number', digits()) };
    if (field === 'cvc') return { encryptedSecurityCode: await encrypt('cvc', input.value) };
    const e = expiry();
    return { encryptedExpiryMonth: await encrypt('expiryMonth', e.month), encryptedExpiryYear: await encrypt('expiryYear', e.year) };
  }

  input.addEventListener('input', () => { version++; format(); report(); });
  input.addEventListener('blur', () => { if (digits().length > 0) touched = true; report(); });
  input.addEventListener('focus', () => post({ type: 'focus', field }));

  window.addEventListener('message', async event => {
    if (event.origin !== parentOrigin || event.source !== window.parent) return;
    const command = event.data || {};
    if (command.type === 'encrypt') {
      touched = true;
      const s = state();
      report();
      try {
        post({ type: 'encrypted', field, request: command.request, values: s.valid ? await encrypted() : null });
      } catch {
        keyReady = null;
        post({ type: 'encrypted', field, request: command.request, values: null, failed: true }); // the page says so; it never waits in silence
      }
    } else if (command.type === 'focus') {
      // A field still disabled (the page is finishing a payment) takes the focus once enabled.
      focusWhenEnabled = input.disabled;
      input.focus();
    } else if (command.type === 'clear') {
      input.value = '';
      version++;
      touched = false;
      report();
    } else if (command.type === 'disable') {
      input.disabled = !!command.disabled;
      if (!input.disabled && focusWhenEnabled) {
        focusWhenEnabled = false;
        input.focus();
      }
    }
  });

  report();
})();
