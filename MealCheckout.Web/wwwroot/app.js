// Small browser helpers the Blazor components call through JS interop (no inline scripts: CSP).
window.mealCheckout = {
  // Tells people and tests that the page now answers clicks (the Blazor circuit is connected).
  markInteractive: () => { document.body.dataset.interactive = 'true'; },
};
