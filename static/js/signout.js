/* Sign-out on a shared phone: what this user kept on the device (drafts, the outbox, the offline copy of the
 * form) is deleted before the sign-out is sent, so the next person to use the browser finds nothing of theirs.
 * With logs still waiting in the outbox, the user is asked first. Without JavaScript the form signs out as before.
 */
'use strict';

(() => {
  const forms = document.querySelectorAll('form[data-signout]');
  if (!forms.length || !('indexedDB' in window)) return;

  function dbName(user) {
    return `dbi-field-u${user}`;
  }

  async function exists(name) {
    if (!indexedDB.databases) return true;
    try {
      return (await indexedDB.databases()).some((db) => db.name === name);
    } catch (error) {
      return true;
    }
  }

  // How many logs wait in this user's outbox; opening never creates the database.
  function look(user) {
    return new Promise((resolve) => {
      const request = indexedDB.open(dbName(user));
      request.onupgradeneeded = () => request.transaction.abort();
      request.onerror = () => resolve({ outbox: 0, sent: null });
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('outbox') || !db.objectStoreNames.contains('drafts')) {
          db.close();
          resolve({ outbox: 0, sent: null });
          return;
        }
        // The outbox, and a draft the browser sent whose answer never came (it may not have arrived).
        const tx = db.transaction(['outbox', 'drafts'], 'readonly');
        const count = tx.objectStore('outbox').count();
        const draft = tx.objectStore('drafts').get('new-activity');
        tx.oncomplete = () => {
          db.close();
          resolve({ outbox: count.result, sent: draft.result && draft.result.submitted ? draft.result.token : null });
        };
        tx.onerror = () => {
          db.close();
          resolve({ outbox: 0, sent: null });
        };
      };
    });
  }

  // Did the log this browser sent arrive? Asked only when such a draft exists; unknown counts as not arrived.
  async function arrived(form, token) {
    try {
      const url = `${form.dataset.session}?token=${encodeURIComponent(token)}`;
      const response = await fetch(url, { credentials: 'same-origin', redirect: 'manual', cache: 'no-store' });
      return response.ok && (await response.json()).stored === true;
    } catch (error) {
      return false;
    }
  }

  async function waiting(form, user) {
    if (!(await exists(dbName(user)))) return 0;
    const found = await look(user);
    const unsure = found.sent && !(await arrived(form, found.sent)) ? 1 : 0;
    return found.outbox + unsure;
  }

  function deleteDb(name) {
    return new Promise((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve(true);
      request.onerror = () => resolve(false);
      // A connection that never closes must not keep the user signed in: sign out anyway after a while.
      setTimeout(() => resolve(false), 3000);
      // Other tabs close their connection on "versionchange"; the deletion then completes by itself.
    });
  }

  async function clearDevice(user) {
    await deleteDb(dbName(user));
    if (window.caches) {
      for (const name of await caches.keys()) {
        if (name.startsWith('dbi-')) await caches.delete(name);
      }
    }
  }

  for (const form of forms) {
    form.addEventListener('submit', async (event) => {
      if (form.dataset.cleared === '1') return;
      event.preventDefault();
      const user = form.dataset.user;
      const n = await waiting(form, user);
      if (n > 0) {
        const text = (n === 1 ? form.dataset.warnOne : form.dataset.warnOther) || '';
        if (!window.confirm(text.replace('#', String(n)))) return;
      }
      try {
        await clearDevice(user);
      } finally {
        form.dataset.cleared = '1';
        form.submit();
      }
    });
  }
})();
