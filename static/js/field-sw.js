/* Field mode's service worker, served by reports/views/field.py with FIELD_CONFIG prepended:
 * { version, assets: [static URLs], pages: [the officer's home, log list, log form], form, userHeader }.
 *
 * What it does, and nothing more:
 * - the static assets listed in FIELD_CONFIG.assets: cache first (they carry a hash in production);
 * - the officer's pages: network first. The log form, when it comes from the network with the header naming
 *   its user, is kept as that user's offline copy (cache "dbi-user-<id>"; any other user's copy is deleted).
 *   With no network, the officer's pages answer with that copy, marked data-offline-copy on <body> so that
 *   the page says it is an offline copy and never passes for a fresh page;
 * - the log form sent by the browser itself (a POST navigation): passed to the network; when no answer comes
 *   (network error, timeout) or the server cannot take it now (429, 5xx), the log is put in the user's outbox
 *   (IndexedDB "dbi-field-u<id>", the same one static/js/field.js keeps) and the form opens again saying so.
 *   The outbox then asks the server whether the log arrived (client token) before sending it again;
 * - everything else (other POSTs, other pages, public guidance, uploads) goes to the network untouched.
 * Sign-out deletes the caches from the page (static/js/signout.js).
 */
/* global FIELD_CONFIG */
'use strict';

const STATIC_CACHE = `dbi-static-${FIELD_CONFIG.version}`;
const META_CACHE = 'dbi-meta';
const USER_PREFIX = 'dbi-user-';
const USER_KEY = new URL('field-user', self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(STATIC_CACHE)
      .then((cache) => cache.addAll(FIELD_CONFIG.assets))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('dbi-static-') && name !== STATIC_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && request.mode === 'navigate' && url.pathname === FIELD_CONFIG.form) {
    event.respondWith(postForm(request));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate' && FIELD_CONFIG.pages.includes(url.pathname)) {
    event.respondWith(page(event, url));
  } else if (FIELD_CONFIG.assets.includes(url.pathname)) {
    event.respondWith(asset(request));
  }
});

async function asset(request) {
  const hit = await caches.match(request, { cacheName: STATIC_CACHE });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(STATIC_CACHE).then((cache) => cache.put(request, copy)).catch(() => {});
  }
  return response;
}

async function page(event, url) {
  let response;
  try {
    response = await fetch(event.request);
  } catch (error) {
    const copy = await offlineCopy();
    if (copy) return copy;
    throw error;
  }
  const user = response.headers.get(FIELD_CONFIG.userHeader);
  if (url.pathname === FIELD_CONFIG.form && user && response.status === 200 && !response.redirected) {
    event.waitUntil(keepForm(user, response.clone()));
  }
  return response;
}

async function keepForm(user, response) {
  for (const name of await caches.keys()) {
    if (name.startsWith(USER_PREFIX) && name !== USER_PREFIX + user) await caches.delete(name);
  }
  const cache = await caches.open(USER_PREFIX + user);
  await cache.put(FIELD_CONFIG.form, response);
  const meta = await caches.open(META_CACHE);
  await meta.put(USER_KEY, new Response(user, { headers: { 'Content-Type': 'text/plain' } }));
}

async function offlineCopy() {
  if (!(await caches.has(META_CACHE))) return null;
  const marker = await (await caches.open(META_CACHE)).match(USER_KEY);
  if (!marker) return null;
  const name = USER_PREFIX + (await marker.text());
  if (!(await caches.has(name))) return null;
  const kept = await (await caches.open(name)).match(FIELD_CONFIG.form);
  if (!kept) return null;
  const html = (await kept.text()).replace('<body', '<body data-offline-copy="1"');
  const headers = new Headers(kept.headers);
  headers.delete('Content-Length');
  headers.set('Cache-Control', 'no-store');
  return new Response(html, { status: 200, headers });
}

/* ---------- the form sent by the browser, kept when it cannot arrive ---------- */

const POST_WAIT_MS = 180000;

async function postForm(request) {
  const kept = request.clone();
  let response;
  try {
    response = await Promise.race([
      fetch(request),
      new Promise((resolve, reject) => { setTimeout(() => reject(new Error('timeout')), POST_WAIT_MS); }),
    ]);
  } catch (error) {
    return (await queue(kept)) || Response.error();
  }
  if (response.status >= 500 || response.status === 429) return (await queue(kept)) || response;
  return response;
}

async function currentUser() {
  if (!(await caches.has(META_CACHE))) return null;
  const marker = await (await caches.open(META_CACHE)).match(USER_KEY);
  return marker ? marker.text() : null;
}

async function queue(request) {
  const user = await currentUser();
  if (!user) return null;
  let data;
  try {
    data = await request.formData();
  } catch (error) {
    return null;
  }
  const token = data.get('client_token');
  if (!token) return null;
  const fields = [];
  const files = [];
  for (const [name, value] of data.entries()) {
    if (name === 'csrfmiddlewaretoken') continue;
    if (typeof value === 'string') fields.push([name, value]);
    else if (value.size || value.name) files.push({ field: name, name: value.name, type: value.type, blob: value });
  }
  const now = new Date().toISOString();
  const item = { token, user, fields, files, state: 'queued', submitted: now, queued: now, saved: now };
  try {
    await putItem(user, item);
  } catch (error) {
    return null;
  }
  return Response.redirect(new URL(`${FIELD_CONFIG.form}#queued`, self.location.origin).href, 303);
}

function putItem(user, item) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(`dbi-field-u${user}`, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('drafts');
      open.result.createObjectStore('outbox', { keyPath: 'token' });
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('outbox', 'readwrite');
      tx.objectStore('outbox').put(item);
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => { db.close(); reject(tx.error); };
      tx.onabort = () => { db.close(); reject(tx.error); };
    };
  });
}
