/**
 * Forgets what the SDK keeps across visits (IndexedDB `zerocall`, the anonymous id): each test
 * starts as a first visit. An open SDK connection closes itself when asked (store.ts `blocking`).
 */
export async function resetStore(name = 'zerocall'): Promise<void> {
  localStorage.removeItem('zc:aid');
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete IndexedDB ${name}`));
  });
}
