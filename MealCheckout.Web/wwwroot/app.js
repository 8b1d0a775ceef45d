// Small browser helpers the Blazor components call through JS interop (no inline scripts: CSP).
window.mealCheckout = {
  // Tells people and tests that the page now answers clicks (the Blazor circuit is connected).
  markInteractive: () => { document.body.dataset.interactive = 'true'; },
  // The basket's encrypted copy in the tab's session storage (CartStorage). The key lives here so that reading the
  // basket sends the browser no text: each text sent makes the circuit keep JSON metadata for it.
  cart: {
    read: () => sessionStorage.getItem('mealcheckout.cart.v2'),
    write: entry => sessionStorage.setItem('mealcheckout.cart.v2', entry.value),
  },
};

// The menu's − / + buttons are plain markup without a handler each (an open circuit keeps less): one "menuclick"
// handler on the menu receives every click with the row's dish and the button's action (MenuClickEventArgs).
// Blazor redraws a row whose quantity changed as new elements, so the focus is put back on the same button.
Blazor.registerCustomEventType('menuclick', {
  browserEventName: 'click',
  createEventArgs: event => {
    const button = event.target.closest('button[data-action]');
    const row = button?.closest('[data-item-id]');
    if (row && document.activeElement === button) {
      refocusAfterRedraw(row.parentElement, row.dataset.itemId, button.dataset.action);
    }
    return { itemId: row?.dataset.itemId ?? null, action: button?.dataset.action ?? null };
  },
});

function refocusAfterRedraw(list, itemId, action) {
  const observer = new MutationObserver(() => {
    observer.disconnect();
    if (document.activeElement && document.activeElement !== document.body) {
      return;
    }
    const row = list.querySelector(`[data-item-id="${CSS.escape(itemId)}"]`);
    const same = row?.querySelector(`button[data-action="${CSS.escape(action)}"]:not([disabled])`);
    (same ?? row?.querySelector('button:not([disabled])'))?.focus();
  });
  observer.observe(list, { childList: true });
}
