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
  async function waiting(user) {
    if (!(await exists(dbName(user)))) return 0;
    return new Promise((resolve) => {
      const request = indexedDB.open(dbName(user));
      request.onupgradeneeded = () => request.transaction.abort();
      request.onerror = () => resolve(0);
      request.onsuccess = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('outbox')) {
          db.close();
          resolve(0);
          return;
        }
        const count = db.transaction('outbox', 'readonly').objectStore('outbox').count();
        count.onsuccess = () => {
          db.close();
          resolve(count.result);
        };
        count.onerror = () => {
          db.close();
          resolve(0);
        };
      };
    });
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
      const n = await waiting(user);
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
