// The sign-in page's only script (served as /login.js, deferred, allowed as 'self' by the CSP; no inline
// script): sends the form to POST /api/auth/login as JSON, shows what the server answers in the page's
// language — a message about no field in the alert above the form, each field's own message at that field,
// the first field in error focused — and once signed in goes to `next` when that is a path of this site,
// else home. What was typed stays in the form whatever the answer.
(() => {
  const form = document.getElementById('login-form');
  const problem = document.getElementById('login-problem');
  if (!(form instanceof HTMLFormElement) || !problem) return;
  const lang = document.documentElement.lang === 'en' ? 'en' : 'id';
  const texts = form.dataset;
  const submit = form.querySelector('button[type="submit"]');
  const label = submit ? submit.textContent : '';
  const inputs = {
    email: document.getElementById('f-email'),
    password: document.getElementById('f-password'),
  };

  /** Where to go once signed in: `next` when it is a path on this site (one leading `/`: never `//host`,
   *  `/\host`, `http:` or `javascript:`), resolved against this origin and checked again; else home. */
  function destination() {
    const next = new URLSearchParams(window.location.search).get('next');
    if (!next?.startsWith('/') || next[1] === '/' || next[1] === '\\') return '/';
    try {
      const u = new URL(next, window.location.origin);
      if (u.origin !== window.location.origin || u.pathname === '/login') return '/';
      return u.pathname + u.search + u.hash;
    } catch {
      return '/';
    }
  }

  /** A language picked on this page (its switch, a shared ?lang= link) is kept for the web app too. */
  function keepLanguage() {
    if (!new URLSearchParams(window.location.search).has('lang')) return;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing from many phones' browsers
    document.cookie = `etalase_lang=${lang}; path=/; max-age=31536000; SameSite=Lax`;
    try {
      localStorage.setItem('etalase.lang', lang);
    } catch {
      // private mode: the cookie is enough for the server pages
    }
  }

  function fieldError(name, message) {
    const input = inputs[name];
    const out = document.getElementById(`f-${name}-error`);
    if (!input || !out) return;
    out.textContent = message || '';
    out.hidden = !message;
    if (message) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', out.id);
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  }

  function show(general, byField) {
    problem.textContent = general || '';
    problem.hidden = !general;
    for (const name of Object.keys(inputs)) fieldError(name, byField[name]);
    // The first field in error in page order (email comes first), else the alert is what is read out.
    const first = Object.keys(inputs).find((n) => byField[n]);
    if (first) inputs[first].focus();
  }

  function busy(on) {
    if (!submit) return;
    submit.disabled = on;
    submit.textContent = on ? texts.wait || label : label;
  }

  for (const name of Object.keys(inputs)) {
    inputs[name]?.addEventListener('input', () => fieldError(name, ''));
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = inputs.email.value.trim();
    const password = inputs.password.value;
    const missing = {};
    if (!email) missing.email = texts.required;
    if (!password) missing.password = texts.required;
    if (missing.email || missing.password) return show('', missing);
    show('', {});
    busy(true);
    let res;
    let body = null;
    try {
      res = await fetch('/api/auth/login', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      body = await res.json().catch(() => null);
    } catch {
      busy(false);
      return show(texts.network, {});
    }
    if (res.ok) {
      keepLanguage();
      window.location.assign(destination());
      return;
    }
    busy(false);
    const error = body && typeof body === 'object' ? body.error : null;
    const say = (m) => (m && typeof m[lang] === 'string' ? m[lang] : '');
    const byField = {};
    const above = [];
    const fields = error && Array.isArray(error.fields) ? error.fields : [];
    for (const f of fields.length ? fields : [{ field: '', message: error?.message }]) {
      const name = f && (f.field === 'email' || f.field === 'password') ? f.field : null;
      const text = say(f?.message);
      if (name && !byField[name]) byField[name] = text;
      else if (!name && text) above.push(text);
    }
    const nothingSaid = above.length === 0 && Object.keys(byField).length === 0;
    show(nothingSaid ? texts.failed : above.join(' '), byField);
  });

  // Ready: the button was disabled in the HTML so that nothing is sent before this script can send it. Only
  // the attribute changes (new text would be painted anew, after the script, and count as the page's LCP).
  if (submit) submit.disabled = false;
})();
