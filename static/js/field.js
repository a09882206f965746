/* Field mode on the officer's pages (home, log list, log form): a progressive enhancement.
 *
 * Without this script every page works as before. With it:
 * - drafts: what is typed in the new-log form (photos included, never the CSRF token) is kept in IndexedDB as it
 *   is typed and comes back on the next load; a sent log clears it;
 * - outbox: a log that cannot be sent (no connection, a network error, a timeout, 429 or 5xx) waits in
 *   IndexedDB with its photos, is sent when the connection returns, on page load and by "Kirim sekarang",
 *   with the form's client token: the server stores a token once per author, so a retry, a second tab or a
 *   lost answer never makes a second log. An item leaves the outbox only on the server's "stored" (2xx);
 *   a refusal (400/409) brings it back into the form with the server's messages;
 * - photos are scaled in the browser to at most 1600 px on the long side (orientation respected) and sent as
 *   JPEG; a file the browser cannot decode is sent as it is, for the server to refuse with its message;
 * - a service worker keeps the static assets and this user's form for offline use.
 * Everything is per user: the database is "dbi-field-u<user id>" and sign-out deletes it (static/js/signout.js).
 */
'use strict';

(() => {
  const root = document.getElementById('field-mode');
  if (!root || !('indexedDB' in window) || !window.fetch) return;

  const cfg = root.dataset;
  const USER = cfg.user;
  const DB_NAME = `dbi-field-u${USER}`;
  const MAX_SIDE = 1600;
  const QUALITY = 0.8;
  const DRAFT_KEY = 'new-activity';
  const LOCK_NAME = `dbi-outbox-u${USER}`;
  const offlineCopy = document.body.dataset.offlineCopy === '1';

  const form = document.querySelector('form[data-field-form]');
  const banner = document.querySelector('[data-outbox]');
  const notice = document.querySelector('[data-field-notice]');

  /* ---------- text ---------- */

  function t(key, n) {
    let text = cfg[key] || '';
    if (n !== undefined) text = (n === 1 ? cfg[`${key}One`] : cfg[`${key}Other`]) || text;
    return n === undefined ? text : text.replace('#', String(n));
  }

  function say(message, kind = 'info', link = null) {
    if (!notice) return;
    notice.hidden = !message;
    notice.className = `alert alert-${kind} field-notice`;
    notice.textContent = message || '';
    if (link) {
      notice.append(' ');
      const a = document.createElement('a');
      a.href = link.href;
      a.textContent = link.text;
      notice.append(a);
    }
  }

  // After "Kirim" the officer is at the foot of a long form: bring the outcome (and the outbox above it) into
  // view, and move the focus there so that a screen reader reads it too.
  function reveal() {
    if (!notice || notice.hidden) return;
    const target = banner && !banner.hidden ? banner : notice;
    notice.tabIndex = -1;
    target.scrollIntoView({ block: 'start', behavior: 'instant' }); // not smooth: the outcome at once
    notice.focus({ preventScroll: true });
  }

  /* ---------- IndexedDB ---------- */

  let dbPromise = null;
  let deleted = false;

  function openDb() {
    // Deleted by sign-out (static/js/signout.js): this page must not create it again.
    if (deleted) return Promise.reject(new DOMException('Signed out', 'InvalidStateError'));
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, 1);
        request.onupgradeneeded = () => {
          const db = request.result;
          db.createObjectStore('drafts');
          db.createObjectStore('outbox', { keyPath: 'token' });
        };
        request.onsuccess = () => {
          const db = request.result;
          // Sign-out in another tab deletes the database: let it go.
          db.onversionchange = () => {
            db.close();
            dbPromise = null;
            deleted = true;
          };
          resolve(db);
        };
        request.onerror = () => {
          dbPromise = null;
          reject(request.error);
        };
      });
    }
    return dbPromise;
  }

  async function run(storeName, mode, body) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(storeName, mode);
      let result;
      const request = body(tx.objectStore(storeName));
      if (request) request.onsuccess = () => { result = request.result; };
      tx.oncomplete = () => resolve(result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new DOMException('Transaction aborted', 'AbortError'));
    });
  }

  const store = {
    draft: () => run('drafts', 'readonly', (s) => s.get(DRAFT_KEY)),
    saveDraft: (draft) => run('drafts', 'readwrite', (s) => s.put(draft, DRAFT_KEY)),
    dropDraft: () => run('drafts', 'readwrite', (s) => s.delete(DRAFT_KEY)),
    items: async () => ((await run('outbox', 'readonly', (s) => s.getAll())) || []).filter((i) => String(i.user) === USER),
    item: (token) => run('outbox', 'readonly', (s) => s.get(token)),
    put: (item) => run('outbox', 'readwrite', (s) => s.put(item)),
    drop: (token) => run('outbox', 'readwrite', (s) => s.delete(token)),
  };

  function isQuotaError(error) {
    return Boolean(error) && (error.name === 'QuotaExceededError' || /quota/i.test(String(error.message || '')));
  }

  /* ---------- the form's contents ---------- */

  const FILE_FIELDS = ['photos', 'sheet'];

  function snapshot() {
    const fields = [];
    const files = [];
    for (const el of form.elements) {
      if (!el.name || el.disabled || el.name === 'csrfmiddlewaretoken') continue;
      if (el.type === 'file') {
        for (const file of el.files) files.push({ field: el.name, name: file.name, type: file.type, blob: file });
      } else if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.checked) fields.push([el.name, el.value]);
      } else if (el.tagName === 'SELECT' && el.multiple) {
        for (const option of el.selectedOptions) fields.push([el.name, option.value]);
      } else if (el.tagName !== 'BUTTON') {
        fields.push([el.name, el.value]);
      }
    }
    const token = form.elements.client_token ? form.elements.client_token.value : '';
    return { token, user: USER, fields, files, saved: new Date().toISOString() };
  }

  function restore(data) {
    const values = new Map();
    for (const [name, value] of data.fields) {
      if (!values.has(name)) values.set(name, []);
      values.get(name).push(value);
    }
    for (const el of form.elements) {
      if (!el.name || el.name === 'csrfmiddlewaretoken' || el.tagName === 'BUTTON') continue;
      const given = values.get(el.name) || [];
      if (el.type === 'file') {
        const dt = new DataTransfer();
        for (const f of data.files || []) {
          if (f.field === el.name) dt.items.add(new File([f.blob], f.name, { type: f.type || f.blob.type }));
        }
        el.files = dt.files;
      } else if (el.type === 'checkbox' || el.type === 'radio') {
        el.checked = given.includes(el.value);
      } else if (el.tagName === 'SELECT' && el.multiple) {
        for (const option of el.options) option.selected = given.includes(option.value);
      } else if (given.length) {
        el.value = given[0];
      } else if (el.type !== 'hidden') {
        el.value = '';
      }
    }
  }

  function restoreFiles(data) {
    for (const name of FILE_FIELDS) {
      const el = form.elements[name];
      if (!el || el.type !== 'file') continue;
      const dt = new DataTransfer();
      for (const f of data.files) {
        if (f.field === name) dt.items.add(new File([f.blob], f.name, { type: f.type || f.blob.type }));
      }
      if (dt.files.length) el.files = dt.files;
    }
    const note = document.querySelector('[data-files-restored]');
    if (note) note.hidden = false;
  }

  function label(item) {
    const get = (name) => (item.fields.find(([n]) => n === name) || [])[1] || '';
    let day = get('date');
    if (/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      const [y, m, d] = day.split('-').map(Number);
      const options = { day: 'numeric', month: 'long', year: 'numeric' };
      day = new Date(y, m - 1, d).toLocaleDateString(document.documentElement.lang || 'id', options);
    }
    return [day, get('place')].filter(Boolean).join(' · ') || t('untitled');
  }

  function newToken() {
    if (form && form.elements.client_token) form.elements.client_token.value = crypto.randomUUID();
  }

  /* ---------- photos ---------- */

  async function imageSize(file) {
    const view = new DataView(await file.slice(0, 512 * 1024).arrayBuffer());
    if (view.byteLength < 30) return null;
    if (view.getUint16(0) === 0xffd8) return jpegSize(view);
    if (view.getUint32(0) === 0x89504e47) return { w: view.getUint32(16), h: view.getUint32(20), orientation: 1 };
    if (view.getUint32(0) === 0x52494646 && view.getUint32(8) === 0x57454250) return webpSize(view);
    return null;
  }

  function jpegSize(v) {
    let off = 2;
    let orientation = 1;
    while (off + 9 < v.byteLength) {
      if (v.getUint8(off) !== 0xff) return null;
      const marker = v.getUint8(off + 1);
      if (marker === 0xff) { off += 1; continue; }
      const length = v.getUint16(off + 2);
      if (marker === 0xe1) orientation = exifOrientation(v, off + 4) || orientation;
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        const h = v.getUint16(off + 5);
        const w = v.getUint16(off + 7);
        return orientation >= 5 && orientation <= 8 ? { w: h, h: w, orientation } : { w, h, orientation };
      }
      if (marker === 0xda) return null;
      off += 2 + length;
    }
    return null;
  }

  function exifOrientation(v, start) {
    if (start + 20 > v.byteLength || v.getUint32(start) !== 0x45786966) return 0;
    const tiff = start + 6;
    const little = v.getUint16(tiff) === 0x4949;
    const ifd = tiff + v.getUint32(tiff + 4, little);
    if (ifd + 2 > v.byteLength) return 0;
    const count = v.getUint16(ifd, little);
    for (let i = 0; i < count; i += 1) {
      const entry = ifd + 2 + i * 12;
      if (entry + 12 > v.byteLength) break;
      if (v.getUint16(entry, little) === 0x0112) return v.getUint16(entry + 8, little);
    }
    return 0;
  }

  function webpSize(v) {
    const chunk = String.fromCharCode(v.getUint8(12), v.getUint8(13), v.getUint8(14), v.getUint8(15));
    const u24 = (o) => v.getUint8(o) | (v.getUint8(o + 1) << 8) | (v.getUint8(o + 2) << 16);
    if (chunk === 'VP8X') return { w: u24(24) + 1, h: u24(27) + 1, orientation: 1 };
    if (chunk === 'VP8 ') return { w: v.getUint16(26, true) & 0x3fff, h: v.getUint16(28, true) & 0x3fff, orientation: 1 };
    if (chunk === 'VP8L') {
      const bits = v.getUint32(21, true);
      return { w: (bits & 0x3fff) + 1, h: ((bits >> 14) & 0x3fff) + 1, orientation: 1 };
    }
    return null;
  }

  async function shrinkPhoto(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || !window.createImageBitmap) return file;
    try {
      const size = await imageSize(file);
      const options = { imageOrientation: 'from-image' };
      let width;
      let height;
      if (size) {
        const scale = Math.min(1, MAX_SIDE / Math.max(size.w, size.h));
        width = Math.max(1, Math.round(size.w * scale));
        height = Math.max(1, Math.round(size.h * scale));
        // Decode straight to the small size: a 40-megapixel photo never lands in memory whole.
        if (scale < 1) Object.assign(options, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
        else if (size.orientation <= 1 && file.type === 'image/jpeg' && file.size < 600 * 1024) return file;
      }
      const bitmap = await createImageBitmap(file, options);
      if (!size) {
        const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
        width = Math.max(1, Math.round(bitmap.width * scale));
        height = Math.max(1, Math.round(bitmap.height * scale));
      }
      let blob;
      if (window.OffscreenCanvas) {
        const canvas = new OffscreenCanvas(width, height);
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, width, height);
        ctx.drawImage(bitmap, 0, 0, width, height);
        blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY });
      } else {
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, width, height);
        ctx.drawImage(bitmap, 0, 0, width, height);
        blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
      }
      bitmap.close();
      if (!blob || (size && width === size.w && blob.size >= file.size && size.orientation <= 1)) return file;
      const base = file.name.replace(/\.[^.]*$/, '') || 'foto';
      return new File([blob], `${base}.jpg`, { type: 'image/jpeg', lastModified: file.lastModified });
    } catch (error) {
      return file; // the server says what is wrong with it
    }
  }

  /* ---------- sending ---------- */

  // Who is signed in, a fresh CSRF token, and (with a token) whether that log is already stored.
  async function session(token = '') {
    let response;
    const url = token ? `${cfg.session}?token=${encodeURIComponent(token)}` : cfg.session;
    try {
      response = await fetch(url, { credentials: 'same-origin', redirect: 'manual', cache: 'no-store', headers: { Accept: 'application/json' } });
    } catch (error) {
      return { kind: 'retry' };
    }
    if (response.type === 'opaqueredirect' || response.status === 401) return { kind: 'signin' };
    if (response.status === 403) return { kind: 'forbidden' };
    if (!response.ok) return { kind: 'retry' };
    const data = await response.json();
    if (String(data.user) !== USER) return { kind: 'signin' }; // someone else is signed in on this browser
    return { kind: 'ok', csrf: data.csrf, stored: Boolean(data.stored) };
  }

  function body(item, csrf) {
    const data = new FormData();
    data.append('csrfmiddlewaretoken', csrf);
    for (const [name, value] of item.fields) data.append(name, value);
    for (const f of item.files) data.append(f.field, f.blob, f.name);
    return data;
  }

  // Returns { kind: 'sent'|'rejected'|'signin'|'forbidden'|'retry', url?, errors?, status? }.
  async function post(item, csrf) {
    const bytes = item.files.reduce((sum, f) => sum + f.blob.size, 0);
    const controller = new AbortController();
    // Enough for 10 kB/s, the worst link worth waiting for; after that it is a timeout and the log stays queued.
    const timer = setTimeout(() => controller.abort(), 30000 + bytes / 10);
    let response;
    try {
      response = await fetch(cfg.form, {
        method: 'POST',
        body: body(item, csrf),
        credentials: 'same-origin',
        redirect: 'manual',
        headers: { Accept: 'application/json', 'X-CSRFToken': csrf },
        signal: controller.signal,
      });
    } catch (error) {
      return { kind: 'retry' };
    } finally {
      clearTimeout(timer);
    }
    if (response.type === 'opaqueredirect') return { kind: 'signin' };
    const status = response.status;
    let data = null;
    if ((response.headers.get('Content-Type') || '').includes('application/json')) {
      try { data = await response.json(); } catch (error) { data = null; }
    }
    if (status >= 200 && status < 300 && data && data.url) return { kind: 'sent', url: data.url };
    if ((status === 400 || status === 409) && data) return { kind: 'rejected', errors: data, status };
    if (status === 413) return { kind: 'rejected', errors: { fields: {}, non_field: [t('tooLarge')] }, status };
    if (status === 403) return { kind: 'forbidden', status };
    return { kind: 'retry', status };
  }

  // One attempt with the given token; a 403 (the CSRF token went stale) is retried once with a fresh one.
  async function send(item, csrf) {
    let token = csrf;
    if (!token) {
      const s = await session();
      if (s.kind !== 'ok') return s;
      token = s.csrf;
    }
    let outcome = await post(item, token);
    if (outcome.kind === 'forbidden') {
      const s = await session();
      if (s.kind !== 'ok') return s;
      outcome = await post(item, s.csrf);
    }
    return outcome;
  }

  /* ---------- the outbox ---------- */

  let syncing = false;

  async function sync({ manual = false } = {}) {
    if (!navigator.onLine) {
      if (manual) say(t('offline'), 'warning');
      return;
    }
    if (syncing) return;
    syncing = true;
    try {
      if (navigator.locks) {
        // Only one tab of this user sends at a time; the other finds the lock taken and leaves it be.
        await navigator.locks.request(LOCK_NAME, { ifAvailable: true }, (lock) => (lock ? syncNow(manual) : null));
      } else {
        await syncNow(manual);
      }
    } finally {
      syncing = false;
      await render();
    }
  }

  let syncRounds = 0;

  function syncFinished() {
    syncRounds += 1;
    document.documentElement.dataset.syncRounds = String(syncRounds);
  }

  async function syncNow(manual) {
    const items = (await store.items()).filter((i) => i.state !== 'rejected');
    if (!items.length) return;
    setBusy(true);
    let sent = 0;
    try {
      const s = await session();
      if (s.kind !== 'ok') {
        report(s.kind, manual);
        return;
      }
      for (const item of items) {
        // Read again inside the lock: another tab may have sent it a moment ago.
        const current = await store.item(item.token);
        if (!current || String(current.user) !== USER || current.state === 'rejected') continue;
        if (current.submitted) {
          // The browser itself sent this one; the server may well have it: ask before sending the photos again.
          const check = await session(current.token);
          if (check.kind === 'ok' && check.stored) {
            await store.drop(current.token);
            sent += 1;
            continue;
          }
        }
        const outcome = await send(current, s.csrf);
        if (outcome.kind === 'sent') {
          await store.drop(current.token);
          sent += 1;
        } else if (outcome.kind === 'rejected') {
          await store.put({ ...current, state: 'rejected', errors: outcome.errors });
        } else {
          await store.put({ ...current, state: 'queued', attempts: (current.attempts || 0) + 1, lastStatus: outcome.status || 0 });
          report(outcome.kind, manual);
          return;
        }
      }
      if (sent) say(t('sent', sent), 'success');
    } finally {
      setBusy(false);
      syncFinished();
    }
  }

  function report(kind, manual) {
    if (kind === 'signin') say(t('signin'), 'warning', { href: cfg.login, text: t('signinLink') });
    else if (kind === 'forbidden') say(t('forbidden'), 'danger');
    else if (manual) say(t('retry'), 'warning');
  }

  function setBusy(busy) {
    if (!banner) return;
    const button = banner.querySelector('[data-outbox-send]');
    if (button) {
      button.disabled = busy;
      button.textContent = busy ? t('sending') : t('sendNow');
    }
  }

  async function render() {
    if (!banner) return;
    let items = [];
    try {
      items = await store.items();
    } catch (error) {
      return;
    }
    const waiting = items.filter((i) => i.state !== 'rejected');
    const rejected = items.filter((i) => i.state === 'rejected');
    banner.hidden = !items.length;
    banner.querySelector('[data-outbox-count]').textContent = waiting.length ? t('waiting', waiting.length) : '';
    banner.querySelector('[data-outbox-send]').hidden = !waiting.length;
    const list = banner.querySelector('[data-outbox-rejected]');
    list.replaceChildren();
    for (const item of rejected) {
      const li = document.createElement('li');
      li.append(`${label(item)}: ${t('needsFix')} `);
      const a = document.createElement('a');
      a.href = `${cfg.form}#outbox=${encodeURIComponent(item.token)}`;
      a.textContent = t('fix');
      a.dataset.outboxOpen = item.token;
      li.append(a);
      list.append(li);
    }
    list.hidden = !rejected.length;
    document.documentElement.dataset.outboxCount = String(items.length);
  }

  /* ---------- the form ---------- */

  function clearErrors() {
    form.querySelectorAll('[data-field-error]').forEach((el) => el.remove());
    form.querySelectorAll('.is-invalid').forEach((el) => el.classList.remove('is-invalid'));
    document.querySelectorAll('.error-summary').forEach((el) => el.remove());
  }

  function showErrors(errors) {
    clearErrors();
    const summary = document.createElement('div');
    summary.className = 'alert alert-danger error-summary';
    summary.setAttribute('role', 'alert');
    summary.tabIndex = -1;
    summary.id = 'error-summary';
    const heading = document.createElement('h2');
    heading.className = 'h6 mb-2';
    heading.textContent = t('errorsHeading');
    const ul = document.createElement('ul');
    ul.className = 'mb-0';
    for (const message of errors.non_field || []) {
      const li = document.createElement('li');
      li.textContent = message;
      ul.append(li);
    }
    for (const [name, info] of Object.entries(errors.fields || {})) {
      const el = form.elements[name];
      const input = el && el.length !== undefined && !el.tagName ? el[0] : el;
      for (const message of info.messages) {
        const li = document.createElement('li');
        if (input && input.id) {
          const a = document.createElement('a');
          a.href = `#${input.id}`;
          a.textContent = info.label;
          li.append(a, `: ${message}`);
        } else {
          li.textContent = `${info.label}: ${message}`;
        }
        ul.append(li);
      }
      if (input) {
        if (input.classList) input.classList.add('is-invalid');
        const holder = document.getElementById(`div_id_${name}`) || (input.parentElement || form);
        const feedback = document.createElement('div');
        feedback.className = 'invalid-feedback d-block';
        feedback.dataset.fieldError = '';
        feedback.textContent = info.messages.join(' ');
        holder.append(feedback);
      }
    }
    summary.append(heading, ul);
    form.before(summary);
    summary.focus();
  }

  let photoWork = Promise.resolve();
  let photoRound = 0;
  let saveTimer = null;
  let saveFailed = false;

  async function saveDraft() {
    clearTimeout(saveTimer);
    saveTimer = null;
    try {
      await store.saveDraft(snapshot());
      if (saveFailed) say('');
      saveFailed = false;
    } catch (error) {
      saveFailed = true;
      say(isQuotaError(error) ? t('quota') : t('storageFailed'), 'danger');
    }
    document.documentElement.dataset.draftSaved = String(Date.now());
  }

  function saveSoon() {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveDraft, 250);
  }

  async function shrinkInput(input) {
    const round = ++photoRound;
    const files = [...input.files];
    if (!files.length) return;
    const status = document.getElementById('photo-status');
    if (status) status.textContent = t('preparingPhotos');
    const out = [];
    for (const file of files) out.push(await shrinkPhoto(file)); // one at a time: a phone's memory is small
    if (round !== photoRound) return;
    const dt = new DataTransfer();
    out.forEach((f) => dt.items.add(f));
    input.files = dt.files;
    if (status) {
      const kb = Math.round(out.reduce((s, f) => s + f.size, 0) / 1024);
      status.textContent = t('photosReady', out.length).replace('{kb}', String(kb));
    }
    input.dataset.shrunk = String(out.length);
    await saveDraft();
  }

  async function enqueue(item, message, link = null) {
    try {
      await store.put({ ...item, state: 'queued', errors: null, queued: new Date().toISOString() });
    } catch (error) {
      say(isQuotaError(error) ? t('quota') : t('storageFailed'), 'danger');
      reveal();
      return false;
    }
    await store.dropDraft().catch(() => {});
    form.reset();
    clearErrors();
    newToken();
    const status = document.getElementById('photo-status');
    if (status) status.textContent = '';
    await render();
    say(message, 'warning', link);
    reveal();
    return true;
  }

  let submitting = false;
  let nativeOk = false;
  let photosPending = false;

  // Before the browser sends the form itself: the draft is marked as sent. If no answer comes back (the
  // connection dropped, the tab was closed), the next page moves it to the outbox, which asks the server
  // whether the log arrived before sending it again.
  function markSubmitted() {
    clearTimeout(saveTimer);
    saveTimer = null;
    return store.saveDraft({ ...snapshot(), submitted: new Date().toISOString() }).catch(() => {});
  }

  function onSubmit(event) {
    if (nativeOk) return;
    if (navigator.onLine && !offlineCopy && !photosPending) {
      // Online, as always: the browser sends the form and the server answers with its pages.
      markSubmitted();
      return;
    }
    event.preventDefault();
    submitAsync();
  }

  async function submitAsync() {
    if (submitting) return;
    submitting = true;
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    try {
      await photoWork;
      clearTimeout(saveTimer);
      const item = snapshot();
      if (!navigator.onLine) {
        await enqueue(item, t('queuedOffline'));
        return;
      }
      if (!offlineCopy) {
        // The photos were still being prepared at the click; now the browser sends the form itself.
        await markSubmitted();
        nativeOk = true;
        form.submit();
        return;
      }
      // An offline copy of the form, back online: its CSRF token is old, so the log goes with a fresh one.
      say(t('sending'), 'info');
      const outcome = await send(item, null);
      if (outcome.kind === 'sent') {
        await store.dropDraft().catch(() => {});
        await store.drop(item.token).catch(() => {});
        window.location.assign(outcome.url);
        return;
      }
      if (outcome.kind === 'rejected') {
        say('');
        await saveDraft();
        showErrors(outcome.errors);
        return;
      }
      if (outcome.kind === 'signin') {
        await enqueue(item, t('signin'), { href: cfg.login, text: t('signinLink') });
        return;
      }
      if (outcome.kind === 'forbidden') {
        await saveDraft();
        say(t('forbidden'), 'danger');
        return;
      }
      await enqueue(item, t('queuedFailed'));
    } finally {
      submitting = false;
      if (button) button.disabled = false;
    }
  }

  // A draft marked as sent whose answer never came: into the outbox, which finds out whether it arrived.
  async function settleSubmittedDraft(refusedOnScreen) {
    const draft = await store.draft().catch(() => null);
    if (!draft || !draft.submitted || String(draft.user) !== USER) return draft;
    if (refusedOnScreen) {
      // The server refused it and shows the form with its messages: the form on screen is this log.
      const { submitted, ...rest } = draft;
      await store.saveDraft(rest).catch(() => {});
      return rest;
    }
    if (navigator.onLine) {
      const check = await session(draft.token);
      if (check.kind === 'ok' && check.stored) {
        await store.dropDraft().catch(() => {});
        await store.drop(draft.token).catch(() => {});
        return null;
      }
    }
    try {
      await store.put({ ...draft, state: 'queued', queued: new Date().toISOString() });
      await store.dropDraft();
    } catch (error) {
      return draft;
    }
    return null;
  }

  async function openFromOutbox(token) {
    const item = await store.item(token).catch(() => null);
    if (!item || String(item.user) !== USER) return;
    restore(item);
    await saveDraft();
    if (item.errors) showErrors(item.errors);
  }

  async function setUpForm() {
    const photos = form.elements.photos;
    const fromOutbox = /^#outbox=(.+)$/.exec(window.location.hash);
    const refused = document.querySelector('.error-summary');
    const draft = await settleSubmittedDraft(Boolean(refused));
    if (window.location.hash === '#queued') {
      say(t('queuedFailed'), 'warning');
      newToken();
    }
    if (fromOutbox) {
      await openFromOutbox(decodeURIComponent(fromOutbox[1]));
    } else if (refused) {
      // The browser empties file inputs on a refused form; the photos kept in the draft come back.
      if (draft && draft.files && draft.files.length) restoreFiles(draft);
    } else {
      if (draft && String(draft.user) === USER) {
        restore(draft);
        const restoredNote = document.querySelector('[data-draft-note]');
        if (restoredNote) restoredNote.hidden = false;
      } else if (offlineCopy) {
        newToken(); // the copy's token was issued once; every new log needs its own
      }
    }
    // A token already waiting in the outbox belongs to that log, never to a new one.
    const token = form.elements.client_token ? form.elements.client_token.value : '';
    const held = token ? await store.item(token).catch(() => null) : null;
    if (held && !fromOutbox) newToken();
    form.addEventListener('input', (event) => { if (event.target.type !== 'file') saveSoon(); });
    form.addEventListener('change', (event) => {
      if (event.target === photos) {
        photosPending = true;
        const work = shrinkInput(photos).finally(() => {
          if (photoWork === work) photosPending = false; // a newer choice of photos is still being prepared
        });
        photoWork = work;
      } else {
        saveSoon();
      }
    });
    form.addEventListener('submit', onSubmit);
    window.addEventListener('pagehide', () => { if (saveTimer) saveDraft(); });
    form.dataset.fieldReady = '1';
  }

  /* ---------- start ---------- */

  async function start() {
    if (offlineCopy) {
      const copyNote = document.querySelector('[data-offline-copy-note]');
      if (copyNote) copyNote.hidden = false;
    }
    if (banner) {
      banner.querySelector('[data-outbox-send]').addEventListener('click', () => sync({ manual: true }));
      banner.addEventListener('click', (event) => {
        const token = event.target.dataset && event.target.dataset.outboxOpen;
        if (token && form) {
          event.preventDefault();
          openFromOutbox(token);
        }
      });
    }
    if (form) await setUpForm();
    else await settleSubmittedDraft(false);
    await render();
    window.addEventListener('online', () => {
      say(''); // "no connection" no longer holds
      sync();
    });
    window.addEventListener('offline', () => say(t('offline'), 'warning'));
    if ('serviceWorker' in navigator && cfg.sw) {
      navigator.serviceWorker.register(cfg.sw, { scope: cfg.scope }).catch(() => {});
    }
    root.dataset.ready = '1';
    await sync();
  }

  start();
})();
